import Exact
import LieGroups

/// Options for reading a field list.
public struct FieldParseOptions: Sendable {
    /// Generations given to every fermion without an explicit `xN` (SM names included).
    public var generations: Int
    /// Read hypercharges in the doubled normalisation (Y(H) = 1, Q = T3 + Y/2) of Koay et al., and halve them.
    /// The paper's own input form (`FIELD SPIN …`) always uses it.
    public var doubledHypercharge: Bool

    public init(generations: Int = 1, doubledHypercharge: Bool = false) {
        self.generations = generations; self.doubledHypercharge = doubledHypercharge
    }
}

/// A field list that could not be read. The message names the offending token and says how to fix it.
public struct FieldParseError: Error, Equatable, CustomStringConvertible, Sendable {
    public let token: String
    public let message: String
    public var description: String { message }
}

/// The syntax, also printed by `lagrangify help build`.
public let fieldSyntaxHelp = """
FIELDS is a space-separated list. Each item is one of
  NAME                      a catalogue field: Q u d L e N H, H2 S Sc Sigma Delta, leptoquarks S1 S1t S3 R2 R2t,
                            vector-like fermions VLQ VLU VLD VLL VLE ('lagrangify fields' lists them)
  [NAME:]KIND(SU3,SU2,Y[,L|R])[xN]
                            a field by quantum numbers. KIND: S complex scalar, RS real scalar, F Weyl fermion
                            (L, the default, or R: a right-handed field enters as its left-handed conjugate).
                            SU3: 1 3 3bar 6 6bar 8 10 10bar 15 15bar 27 or Dynkin labels (p,q); SU2: the dimension
                            (1 2 3 …) or Dynkin label (p); Y: exact, e.g. 1/6, -1/3 (Q = T3 + Y); xN: N flavours.
                            Examples: Phi:S(1,2,1/2)  chi:F(3,1,2/3,R)  s:RS(1,1,0)  F((1,1),1,0)x3
  the paper's form          FIELD SPIN 0 SU2 2 U1 1 FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 3 HEL - 1 / 2
                            (doubled hypercharge; SU3 - 3 or 3bar for the antitriplet; HEL 1 / 2 right-handed)
"""

/// Reads a field list in any of the three forms described in `fieldSyntaxHelp`.
///
/// Field names are unique; unnamed fields get `phi1, phi2, …` (complex scalars), `s1, …` (real scalars) and
/// `psi1, …` (fermions). Order is kept as given; the builder canonicalises.
public func parseFieldList(_ text: String, options: FieldParseOptions = FieldParseOptions()) throws -> [Field] {
    let items = try splitTopLevel(text)
    guard !items.isEmpty else {
        throw FieldParseError(token: "", message: "the field list is empty; give fields like \"Q L H\" or \"Phi:S(1,2,1/2)\"")
    }
    guard options.generations >= 1 else {
        throw FieldParseError(token: String(options.generations), message: "generations must be at least 1")
    }
    var fields: [Field]
    if items[0] == "FIELD" {
        fields = try parsePaperForm(items, options: options)
    } else {
        fields = []
        for item in items { fields += try parseItem(item, options: options, taken: fields.map(\.name)) }
    }
    var seen = Set<String>()
    for f in fields where !seen.insert(f.name).inserted {
        throw FieldParseError(token: f.name, message: "field '\(f.name)' appears twice; give copies distinct names (H1:S(1,2,1/2) H2:S(1,2,1/2)) or flavours with xN")
    }
    return fields
}

// MARK: - Our form

/// Splits on whitespace outside parentheses, so `S(1, 2, 1/2)` stays one item.
private func splitTopLevel(_ text: String) throws -> [String] {
    var items: [String] = [], cur = "", depth = 0
    for ch in text {
        if ch == "(" || ch == "[" { depth += 1 }
        if ch == ")" || ch == "]" {
            depth -= 1
            if depth < 0 { throw FieldParseError(token: cur + String(ch), message: "unbalanced ')' in '\(cur)\(ch)'") }
        }
        if ch.isWhitespace && depth == 0 {
            if !cur.isEmpty { items.append(cur); cur = "" }
        } else if !(ch.isWhitespace) {
            cur.append(ch)
        }
    }
    if depth != 0 { throw FieldParseError(token: cur, message: "unbalanced '(' in '\(cur)'; close it with ')'") }
    if !cur.isEmpty { items.append(cur) }
    return items
}

private func parseItem(_ item: String, options: FieldParseOptions, taken: [String]) throws -> [Field] {
    guard item.contains("(") else {
        guard let entry = catalogueEntry(named: item) else {
            var names: [String] = []
            for e in fieldCatalogue { names.append(e.name); names += e.aliases }
            var m = "unknown field '\(item)'"
            if let near = nearest(item, names) { m += "; did you mean '\(near)'?" }
            m += " ('lagrangify fields' lists the catalogue; a new field is written like Phi:S(1,2,1/2))"
            throw FieldParseError(token: item, message: m)
        }
        return entry.fields.map { $0.spin == .weylFermion ? $0.withGenerations(options.generations) : $0 }
    }
    // [NAME:]KIND(args)[xN]
    var rest = Substring(item)
    var name: String? = nil
    if let colon = rest.firstIndex(of: ":"), colon < rest.firstIndex(of: "(")! {
        name = String(rest[..<colon]); rest = rest[rest.index(after: colon)...]
        guard let n = name, isValidName(n) else {
            throw FieldParseError(token: item, message: "'\(name ?? "")' in '\(item)' is not a valid field name; use letters, digits and _ starting with a letter")
        }
    }
    let open = rest.firstIndex(of: "(")!
    let kind = String(rest[..<open])
    guard let close = matchingParen(rest, open) else {
        throw FieldParseError(token: item, message: "unbalanced parentheses in '\(item)'")
    }
    let inner = rest[rest.index(after: open)..<close]
    let suffix = String(rest[rest.index(after: close)...])
    var flavours: Int? = nil
    if !suffix.isEmpty {
        guard suffix.hasPrefix("x"), let n = Int(suffix.dropFirst()), n >= 1 else {
            throw FieldParseError(token: suffix, message: "unexpected '\(suffix)' after '\(item[..<item.index(item.startIndex, offsetBy: item.count - suffix.count)])'; write xN for N flavours, e.g. F(1,1,0,R)x3")
        }
        flavours = n
    }
    let args = splitArguments(inner)
    let isFermion: Bool, isReal: Bool
    switch kind {
    case "S": isFermion = false; isReal = false
    case "RS": isFermion = false; isReal = true
    case "F": isFermion = true; isReal = false
    default:
        throw FieldParseError(token: kind, message: "unknown field kind '\(kind)' in '\(item)'; use S (complex scalar), RS (real scalar) or F (Weyl fermion)")
    }
    let expected = isFermion ? [3, 4] : [3]
    guard expected.contains(args.count) else {
        throw FieldParseError(token: item, message: "'\(item)' needs \(isFermion ? "3 or 4" : "3") entries (SU3,SU2,Y\(isFermion ? "[,L|R]" : "")), found \(args.count)")
    }
    let su3 = try parseSU3(args[0], in: item)
    let su2 = try parseSU2(args[1], in: item)
    var y = try parseHypercharge(args[2], in: item)
    if options.doubledHypercharge { y = y / Rational(2) }
    let r = GaugeRep(su3: su3, su2: su2, hypercharge: y)
    let n = name ?? autoName(isFermion ? "psi" : (isReal ? "s" : "phi"), taken: taken)
    if isFermion {
        let chirality = args.count == 4 ? args[3] : "L"
        let gens = flavours ?? options.generations
        switch chirality {
        case "L": return [Field(name: n, spin: .weylFermion, rep: r, generations: gens)]
        case "R": return [.rightHanded(name: n, rep: r, generations: gens)]
        default:
            throw FieldParseError(token: chirality, message: "unknown chirality '\(chirality)' in '\(item)'; use L or R")
        }
    }
    if isReal && !r.isReal {
        throw FieldParseError(token: item, message: "'\(item)' is a real scalar in a complex or pseudo-real representation \(r); a real scalar needs SU(3) irreps like 1 or 8, odd SU(2) dimension and Y = 0 — use S(…) for a complex scalar")
    }
    return [Field(name: n, spin: .scalar, rep: r, isReal: isReal, generations: flavours ?? 1)]
}

private func isValidName(_ s: String) -> Bool {
    guard let f = s.first, f.isLetter else { return false }
    return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "'" }
}

private func autoName(_ stem: String, taken: [String]) -> String {
    var i = 1
    while taken.contains("\(stem)\(i)") { i += 1 }
    return "\(stem)\(i)"
}

private func matchingParen(_ s: Substring, _ open: Substring.Index) -> Substring.Index? {
    var depth = 0, i = open
    while i < s.endIndex {
        if s[i] == "(" { depth += 1 }
        if s[i] == ")" { depth -= 1; if depth == 0 { return i } }
        i = s.index(after: i)
    }
    return nil
}

/// Splits `a,(1,1),c` at top-level commas.
private func splitArguments(_ s: Substring) -> [String] {
    var out: [String] = [], cur = "", depth = 0
    for ch in s {
        if ch == "(" || ch == "[" { depth += 1 }
        if ch == ")" || ch == "]" { depth -= 1 }
        if ch == "," && depth == 0 { out.append(cur); cur = "" } else if !ch.isWhitespace { cur.append(ch) }
    }
    out.append(cur)
    return out
}

private let su3Names: [String: [Int]] = [
    "1": [0, 0], "3": [1, 0], "3bar": [0, 1], "6": [2, 0], "6bar": [0, 2], "8": [1, 1], "10": [3, 0],
    "10bar": [0, 3], "15": [2, 1], "15bar": [1, 2], "27": [2, 2],
]

private func parseLabels(_ s: String) -> [Int]? {
    guard (s.hasPrefix("(") && s.hasSuffix(")")) || (s.hasPrefix("[") && s.hasSuffix("]")) else { return nil }
    let parts = s.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
    let v = parts.compactMap { Int($0) }
    return v.count == parts.count && v.allSatisfy({ $0 >= 0 }) ? v : nil
}

private func parseSU3(_ s: String, in item: String) throws -> [Int] {
    if let l = su3Names[s] { return l }
    if let l = parseLabels(s), l.count == 2 { return l }
    var m = "unknown SU(3) representation '\(s)' in '\(item)'"
    if let near = nearest(s, Array(su3Names.keys).sorted()) { m += "; did you mean '\(near)'?" }
    m += " (names: 1 3 3bar 6 6bar 8 10 10bar 15 15bar 27, or Dynkin labels like (2,1))"
    throw FieldParseError(token: s, message: m)
}

private func parseSU2(_ s: String, in item: String) throws -> [Int] {
    if let d = Int(s), d >= 1 { return [d - 1] }
    if let l = parseLabels(s), l.count == 1 { return l }
    throw FieldParseError(token: s, message: "unknown SU(2) representation '\(s)' in '\(item)'; give its dimension (1, 2, 3, …) or Dynkin label like (1)")
}

private func parseHypercharge(_ s: String, in item: String) throws -> Rational {
    var t = s
    if t.hasPrefix("+") { t.removeFirst() }
    if let y = Rational(t), !t.hasPrefix("+") { return y }
    throw FieldParseError(token: s, message: "hypercharge '\(s)' in '\(item)' is not an exact rational; write e.g. 1/6, -1/3 or 0")
}

private func nearest(_ word: String, _ candidates: [String]) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
        let d = editDistance(word.lowercased(), c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (c, d) = best, d <= max(1, word.count / 2) else { return nil }
    return c
}

// MARK: - The paper's form

/// `FIELD SPIN 0 SU2 2 U1 1 FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 3 HEL - 1 / 2`: numbers are split into tokens
/// (`1 / 3`, a leading `-` token for negatives), hypercharge doubled, absent factors are singlets, `HEL - 1 / 2` is a
/// left-handed and `HEL 1 / 2` a right-handed Weyl fermion.
private func parsePaperForm(_ tokens: [String], options: FieldParseOptions) throws -> [Field] {
    var fields: [Field] = []
    var i = 0
    func number(after key: String) throws -> Rational {
        var s = ""
        var j = i
        if j < tokens.count, tokens[j] == "-" { s = "-"; j += 1 }
        guard j < tokens.count, let _ = Int(tokens[j]) else {
            throw FieldParseError(token: j < tokens.count ? tokens[j] : "<end>", message: "expected a number after \(key) at token \(j + 1) ('\(j < tokens.count ? tokens[j] : "end of input")')")
        }
        s += tokens[j]; j += 1
        if j + 1 < tokens.count, tokens[j] == "/", Int(tokens[j + 1]) != nil { s += "/" + tokens[j + 1]; j += 2 }
        i = j
        guard let v = Rational(s) else { throw FieldParseError(token: s, message: "'\(s)' after \(key) is not a number") }
        return v
    }
    while i < tokens.count {
        guard tokens[i] == "FIELD" else {
            throw FieldParseError(token: tokens[i], message: "expected FIELD at token \(i + 1), found '\(tokens[i])'")
        }
        i += 1
        var spin: Rational? = nil, su3 = [0, 0], su2 = [0], y = Rational.zero, hel: Rational? = nil
        while i < tokens.count && tokens[i] != "FIELD" {
            let key = tokens[i]; i += 1
            switch key {
            case "SPIN": spin = try number(after: key)
            case "SU3":
                if i < tokens.count, tokens[i] == "3bar" { su3 = [0, 1]; i += 1; break }
                let d = try number(after: key)
                switch d { case 1: su3 = [0, 0]; case 3: su3 = [1, 0]; case -3: su3 = [0, 1]; case 6: su3 = [2, 0]
                case -6: su3 = [0, 2]; case 8: su3 = [1, 1]
                default: throw FieldParseError(token: "\(d)", message: "SU3 \(d) is not a representation the paper's form names; use 1, 3, - 3, 6, - 6 or 8") }
            case "SU2":
                let d = try number(after: key)
                guard let n = d.asInt, n >= 1 else { throw FieldParseError(token: "\(d)", message: "SU2 \(d) is not a dimension") }
                su2 = [n - 1]
            case "U1": y = try number(after: key) / Rational(2)
            case "HEL": hel = try number(after: key)
            default:
                throw FieldParseError(token: key, message: "unexpected token '\(key)' at token \(i); expected SPIN, SU3, SU2, U1, HEL or FIELD")
            }
        }
        guard let s = spin else { throw FieldParseError(token: "FIELD", message: "field \(fields.count + 1) has no SPIN") }
        let r = GaugeRep(su3: su3, su2: su2, hypercharge: y)
        if s == .zero {
            fields.append(Field(name: autoName("phi", taken: fields.map(\.name)), spin: .scalar, rep: r))
        } else if s == Rational(1, 2) {
            let name = autoName("psi", taken: fields.map(\.name))
            switch hel {
            case Rational(-1, 2)?, nil: fields.append(Field(name: name, spin: .weylFermion, rep: r, generations: options.generations))
            case Rational(1, 2)?: fields.append(.rightHanded(name: name, rep: r, generations: options.generations))
            default: throw FieldParseError(token: "\(hel!)", message: "HEL \(hel!) is not -1/2 or 1/2")
            }
        } else {
            throw FieldParseError(token: "\(s)", message: "SPIN \(s) is not supported; use 0 or 1 / 2")
        }
    }
    return fields
}

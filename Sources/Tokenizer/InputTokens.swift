import Foundation
import Exact
import Lagrangian

/// Which hypercharge normalisation an input sequence uses after `U1`.
public enum HyperchargeNormalisation: String, Sendable, CaseIterable {
    /// Q = T3 + Y, Y(H) = 1/2 (the project's convention, the default).
    case standard
    /// Q = T3 + Y/2, Y(H) = 1 (the paper's, Koay et al.).
    case doubled
}

/// How a field list is written as input tokens.
public enum InputForm: String, Sendable, CaseIterable, Codable {
    /// The paper's form (Grammars/input.v1.ebnf): `FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 6 HEL - 1 / 2`, singlets left
    /// out, right-handed fields written with their own quantum numbers and `HEL 1 / 2`.
    case paper
    /// The compact form (Grammars/input-compact.v1.ebnf): `FIELD WEYL SU3:3 SU2:2 Y:1/6`, five tokens a field, every
    /// slot written, every fermion spelled as the left-handed Weyl field the builder uses (`Field.leftHandedSpelling`),
    /// hypercharges k/6 with |k| ≤ 12 in the Q = T3 + Y normalisation. Vocabulary version 2.
    case compact
}

/// The input language (Grammars/input.v1.ebnf): a field list as quantum-number tokens, the paper's form
///
///     FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 6 HEL - 1 / 2
///
/// with two additions the paper lacks: `REAL` after `SPIN 0` for a real scalar, and `GEN n` (n ≥ 2) for a field
/// with n generations. Singlet factors (`SU3 1`, `SU2 1`) and `U1 0` are omitted, as in the paper; SU(3) irreps are
/// named by dimension with a `-` token for the conjugate (`SU3 - 3`); fermions always carry HEL (- 1 / 2 left-handed,
/// 1 / 2 a right-handed field, stored as its left-handed conjugate).
public enum InputTokens {
    /// SU(3) Dynkin labels with a name in the input language.
    static let su3Names: [(labels: [Int], tokens: [String])] = [
        ([1, 0], ["3"]), ([0, 1], ["-", "3"]), ([2, 0], ["6"]), ([0, 2], ["-", "6"]), ([1, 1], ["8"]),
        ([3, 0], ["10"]), ([0, 3], ["-", "10"]), ([2, 1], ["15"]), ([1, 2], ["-", "15"]), ([2, 2], ["27"]),
    ]

    /// The tokens of a field list, in the given order (callers pass `Lagrangian.fields`, the canonical order, so that
    /// the output language's `F<i>` is the i-th field of the input).
    ///
    /// - Throws: `TokenizerError` for an SU(3) irrep without a name above, a hypercharge or dimension beyond the
    ///   integer tokens, or more than `Vocabulary.maxFields` fields.
    ///   In the compact form, fields are written in their left-handed spelling (the caller passes the fields of a
    ///   Lagrangian built from `leftHandedSpelling`s, so that positions agree), and `normalisation` is not used.
    public static func encode(_ fields: [Field], normalisation: HyperchargeNormalisation = .standard,
                              form: InputForm = .paper) throws -> [String] {
        guard fields.count <= Vocabulary.maxFields else {
            throw TokenizerError("\(fields.count) fields; the vocabulary names at most \(Vocabulary.maxFields)")
        }
        if form == .compact { return try encodeCompact(fields) }
        var out: [String] = []
        for f in fields {
            let r = f.userRep
            out += ["FIELD", "SPIN"]
            if f.spin == .scalar { out.append("0"); if f.isReal { out.append("REAL") } } else { out += ["1", "/", "2"] }
            if r.su3 != [0, 0] {
                guard let n = su3Names.first(where: { $0.labels == r.su3 }) else {
                    throw TokenizerError("field '\(f.name)': SU(3) irrep \(r.su3) has no name in the input language (1, 3, 6, 8, 10, 15, 27 and conjugates)")
                }
                out.append("SU3"); out += n.tokens
            }
            if r.su2 != [0] { out.append("SU2"); out += try integer(r.su2[0] + 1, f) }
            let y = normalisation == .doubled ? r.hypercharge * Rational(2) : r.hypercharge
            if !y.isZero { out.append("U1"); out += try rational(y, f) }
            if f.spin == .weylFermion {
                out.append("HEL")
                out += f.declaredRightHanded ? ["1", "/", "2"] : ["-", "1", "/", "2"]
            }
            if f.generations > 1 { out.append("GEN"); out += try integer(f.generations, f) }
        }
        return out
    }

    static func integer(_ n: Int, _ f: Field) throws -> [String] {
        guard n >= 0 && n <= Vocabulary.maxInteger else {
            throw TokenizerError("field '\(f.name)': \(n) exceeds the largest integer token \(Vocabulary.maxInteger)")
        }
        return [String(n)]
    }

    static func rational(_ y: Rational, _ f: Field) throws -> [String] {
        guard let num = y.magnitude.numerator.asInt, let den = y.denominator.asInt else {
            throw TokenizerError("field '\(f.name)': hypercharge \(y) is too large")
        }
        var out = y.signum < 0 ? ["-"] : []
        out += try integer(num, f)
        if den != 1 { out.append("/"); out += try integer(den, f) }
        return out
    }

    // MARK: the compact form

    /// SU(3) irreps of the compact form, one token each.
    static let compactSU3: [(labels: [Int], token: String)] = [
        ([0, 0], "SU3:1"), ([1, 0], "SU3:3"), ([0, 1], "SU3:3bar"), ([2, 0], "SU3:6"), ([0, 2], "SU3:6bar"),
        ([1, 1], "SU3:8"), ([3, 0], "SU3:10"), ([0, 3], "SU3:10bar"), ([2, 1], "SU3:15"), ([1, 2], "SU3:15bar"),
        ([2, 2], "SU3:27"),
    ]
    /// The SU(3) Dynkin labels the compact form writes.
    public static var compactSU3Labels: [[Int]] { compactSU3.map(\.labels) }
    /// Largest SU(2) dimension of the compact form.
    static let compactMaxSU2 = 8
    /// Hypercharges of the compact form: k/6, |k| ≤ 12, written reduced (`Y:-1/3`, `Y:0`, `Y:2`).
    static let compactHypercharges: [Rational] = (-12...12).map { Rational($0, 6) }
    static let compactKinds = ["SCALAR", "REALSCALAR", "WEYL"]
    static func hyperchargeToken(_ y: Rational) -> String { "Y:\(y)" }

    /// The tokens vocabulary version 2 adds for the compact form, in id order.
    static let compactTokens: [String] = compactKinds + compactSU3.map(\.token)
        + (1...compactMaxSU2).map { "SU2:\($0)" } + compactHypercharges.map(hyperchargeToken)

    static func encodeCompact(_ fields: [Field]) throws -> [String] {
        var out: [String] = []
        for f in fields.map(\.leftHandedSpelling) {
            let r = f.rep
            out.append("FIELD")
            out.append(f.spin == .weylFermion ? "WEYL" : f.isReal ? "REALSCALAR" : "SCALAR")
            guard let su3 = compactSU3.first(where: { $0.labels == r.su3 }) else {
                throw TokenizerError("field '\(f.name)': SU(3) irrep \(r.su3) has no token in the compact input form (1, 3, 6, 8, 10, 15, 27 and conjugates)")
            }
            out.append(su3.token)
            guard r.su2[0] + 1 <= compactMaxSU2 else {
                throw TokenizerError("field '\(f.name)': SU(2) dimension \(r.su2[0] + 1) is beyond the compact input form's \(compactMaxSU2); use the paper form")
            }
            out.append("SU2:\(r.su2[0] + 1)")
            guard compactHypercharges.contains(r.hypercharge) else {
                throw TokenizerError("field '\(f.name)': hypercharge \(r.hypercharge) is not k/6 with |k| ≤ 12, which the compact input form writes; use the paper form")
            }
            out.append(hyperchargeToken(r.hypercharge))
            if f.generations > 1 { out.append("GEN"); out += try integer(f.generations, f) }
        }
        return out
    }

    /// The form of an input sequence, from its second token (`SPIN` in the paper's form).
    public static func form(of tokens: [String]) -> InputForm {
        tokens.count > 1 && compactKinds.contains(tokens[1]) ? .compact : .paper
    }

    static func decodeCompact(_ tokens: [String]) throws -> [Field] {
        var i = 0
        func fail(_ expected: [String]) -> GrammarError {
            GrammarError(position: i, found: i < tokens.count ? tokens[i] : nil, expected: expected, language: "input (compact)")
        }
        func take(_ allowed: [String]) throws -> String {
            guard i < tokens.count, allowed.contains(tokens[i]) else { throw fail(allowed) }
            i += 1; return tokens[i - 1]
        }
        let su2Tokens = (1...compactMaxSU2).map { "SU2:\($0)" }
        var fields: [Field] = []
        while i < tokens.count {
            _ = try take(["FIELD"])
            let kind = try take(compactKinds)
            let su3Token = try take(compactSU3.map(\.token))
            let su3 = compactSU3.first { $0.token == su3Token }!.labels
            let su2 = su2Tokens.firstIndex(of: try take(su2Tokens))!
            let yToken = try take(compactHypercharges.map(hyperchargeToken))
            let y = compactHypercharges.first { hyperchargeToken($0) == yToken }!
            var gens = 1
            if i < tokens.count, tokens[i] == "GEN" {
                i += 1
                guard i < tokens.count, let g = Int(tokens[i]), (2...Vocabulary.maxInteger).contains(g), tokens[i] == String(g) else {
                    throw fail(["<integer 2…\(Vocabulary.maxInteger)>"])
                }
                gens = g; i += 1
            }
            if i < tokens.count, tokens[i] != "FIELD" { throw fail(gens == 1 ? ["GEN", "FIELD"] : ["FIELD"]) }
            let rep = GaugeRep(su3: su3, su2: [su2], hypercharge: y)
            let name = "F\(fields.count)"
            switch kind {
            case "WEYL": fields.append(Field(name: name, spin: .weylFermion, rep: rep, generations: gens))
            case "REALSCALAR":
                guard rep.isReal else {
                    throw TokenizerError("field \(fields.count) is REALSCALAR but \(rep) is not a real representation (needs SU(3) 1/8/27, odd SU(2) dimension, Y:0)")
                }
                fields.append(Field(name: name, spin: .scalar, rep: rep, isReal: true, generations: gens))
            default: fields.append(Field(name: name, spin: .scalar, rep: rep, generations: gens))
            }
        }
        return fields
    }

    /// Reads an input sequence back into fields named F0, F1, … by position, in either form (`form(of:)`; the
    /// compact form is always in the standard normalisation).
    ///
    /// - Throws: `GrammarError` (position and expected tokens) for a sequence outside the input grammar, or
    ///   `TokenizerError` for a field the builder cannot take (a real scalar in a complex representation).
    public static func decode(_ tokens: [String], normalisation: HyperchargeNormalisation = .standard) throws -> [Field] {
        if form(of: tokens) == .compact { return try decodeCompact(tokens) }
        var i = 0
        func fail(_ expected: [String]) -> GrammarError {
            GrammarError(position: i, found: i < tokens.count ? tokens[i] : nil, expected: expected, language: "input")
        }
        func expect(_ t: String) throws { guard i < tokens.count, tokens[i] == t else { throw fail([t]) }; i += 1 }
        func int(_ allowed: ClosedRange<Int> = 0...Vocabulary.maxInteger) throws -> Int {
            guard i < tokens.count, let v = Int(tokens[i]), allowed.contains(v), tokens[i] == String(v) else {
                throw fail(["<integer \(allowed.lowerBound)…\(allowed.upperBound)>"])
            }
            i += 1; return v
        }
        func fraction() throws -> Rational {
            var neg = false
            if i < tokens.count, tokens[i] == "-" { neg = true; i += 1 }
            let n = try int(neg ? 1...Vocabulary.maxInteger : 0...Vocabulary.maxInteger)
            var d = 1
            if i < tokens.count, tokens[i] == "/" { i += 1; d = try int(2...Vocabulary.maxInteger) }
            return Rational(neg ? -n : n, d)
        }
        var fields: [Field] = []
        guard !tokens.isEmpty else { throw fail(["FIELD"]) }
        while i < tokens.count {
            try expect("FIELD"); try expect("SPIN")
            let start = i
            var isFermion = false, isReal = false
            if i < tokens.count, tokens[i] == "0" { i += 1; if i < tokens.count, tokens[i] == "REAL" { isReal = true; i += 1 } }
            else if i + 2 < tokens.count, tokens[i] == "1", tokens[i + 1] == "/", tokens[i + 2] == "2" { isFermion = true; i += 3 }
            else { i = start; throw fail(["0", "1"]) }
            var su3 = [0, 0], su2 = [0], y = Rational.zero, rightHanded = false, gens = 1
            if i < tokens.count, tokens[i] == "SU3" {
                i += 1
                var conj = false
                if i < tokens.count, tokens[i] == "-" { conj = true; i += 1 }
                guard i < tokens.count, let e = su3Names.first(where: { $0.tokens == (conj ? ["-", tokens[i]] : [tokens[i]]) }) else {
                    throw fail(conj ? ["3", "6", "10", "15"] : ["-", "3", "6", "8", "10", "15", "27"])
                }
                su3 = e.labels; i += 1
            }
            if i < tokens.count, tokens[i] == "SU2" { i += 1; su2 = [try int(2...Vocabulary.maxInteger) - 1] }
            if i < tokens.count, tokens[i] == "U1" {
                i += 1
                y = try fraction()
                if normalisation == .doubled { y = y / Rational(2) }
            }
            if isFermion {
                try expect("HEL")
                if i < tokens.count, tokens[i] == "-" { i += 1; try expect("1"); try expect("/"); try expect("2") }
                else if i < tokens.count, tokens[i] == "1" { i += 1; try expect("/"); try expect("2"); rightHanded = true }
                else { throw fail(["-", "1"]) }
            }
            if i < tokens.count, tokens[i] == "GEN" { i += 1; gens = try int(2...Vocabulary.maxInteger) }
            if i < tokens.count, tokens[i] != "FIELD" {
                var exp = ["FIELD"]
                if gens == 1 { exp.insert("GEN", at: 0) }
                throw fail(exp)
            }
            let rep = GaugeRep(su3: su3, su2: su2, hypercharge: y)
            let name = "F\(fields.count)"
            if isFermion {
                fields.append(rightHanded ? .rightHanded(name: name, rep: rep, generations: gens)
                                          : Field(name: name, spin: .weylFermion, rep: rep, generations: gens))
            } else {
                if isReal && !rep.isReal {
                    throw TokenizerError("field \(fields.count) is REAL but \(rep) is not a real representation (needs SU(3) 1/8/27, odd SU(2) dimension, no U1)")
                }
                fields.append(Field(name: name, spin: .scalar, rep: rep, isReal: isReal, generations: gens))
            }
        }
        return fields
    }
}

/// The first error of a token sequence under a grammar: its position (0-based token index; the sequence length when
/// the sequence ended too early), the token found there (nil at the end), and the tokens the grammar allows there.
public struct GrammarError: Error, Equatable, Sendable, CustomStringConvertible {
    public let position: Int
    public let found: String?
    public let expected: [String]
    public let language: String
    public init(position: Int, found: String?, expected: [String], language: String) {
        self.position = position; self.found = found; self.expected = expected; self.language = language
    }
    public var description: String {
        let shown = expected.count > 12 ? expected.prefix(12).joined(separator: " ") + " … (\(expected.count) tokens)" : expected.joined(separator: " ")
        return "\(language) sequence, token \(position + 1): found \(found.map { "'\($0)'" } ?? "end of sequence"), expected one of: \(shown)"
    }
}

/// What a model directory says about its input: `input.json`, written by `lagrangify train` from its corpus's
/// manifest and copied by `export`. A directory without one reads the paper form (every model before the compact
/// form, such as Models/default of sessions 1–6).
public struct ModelInputSpec: Sendable, Equatable {
    public static let fileName = "input.json"
    public static let format = "lagrangify-model-input", formatVersion = 1
    public var form: InputForm
    public init(form: InputForm) { self.form = form }

    public var json: String {
        "{\"format\": \"\(Self.format)\", \"format_version\": \(Self.formatVersion), \"input_form\": \"\(form.rawValue)\"}\n"
    }

    /// The input form a corpus manifest (`manifest.json` text) records; corpora before the compact form have none
    /// and are in the paper form.
    public static func form(ofManifest data: Data) -> InputForm {
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let s = obj["input_form"] as? String, let f = InputForm(rawValue: s) else { return .paper }
        return f
    }

    /// Reads `input.json` of a model directory (the paper form when there is none).
    /// - Throws: `TokenizerError` naming the file when it exists but is not this format and version.
    public static func read(directory: URL) throws -> ModelInputSpec {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return ModelInputSpec(form: .paper) }
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], obj["format"] as? String == format else {
            throw TokenizerError("\(url.path) is not a \(format) file; delete it (the model then reads the paper form) or retrain")
        }
        guard obj["format_version"] as? Int == formatVersion else {
            throw TokenizerError("\(url.path) has format_version \(obj["format_version"] ?? "none"); this build reads \(formatVersion)")
        }
        guard let s = obj["input_form"] as? String, let f = InputForm(rawValue: s) else {
            throw TokenizerError("\(url.path): input_form must be one of \(InputForm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ModelInputSpec(form: f)
    }

    /// Writes `input.json` into `directory` (temporary file, then rename).
    public func write(directory: URL) throws {
        try CorpusWriter.atomicWrite(json, to: directory.appendingPathComponent(Self.fileName))
    }

    /// Carries a model's input form from `source` to `destination` (export, export-hf, import-hf). The file is always
    /// written, the paper form included, so that a destination which held another model's input.json cannot keep it.
    /// - Throws: `TokenizerError` when `source` has an input.json this build cannot read.
    public static func copy(from source: URL, to destination: URL) throws {
        try read(directory: source).write(directory: destination)
    }
}

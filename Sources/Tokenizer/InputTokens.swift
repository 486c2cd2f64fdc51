import Exact
import Lagrangian

/// Which hypercharge normalisation an input sequence uses after `U1`.
public enum HyperchargeNormalisation: String, Sendable, CaseIterable {
    /// Q = T3 + Y, Y(H) = 1/2 (the project's convention, the default).
    case standard
    /// Q = T3 + Y/2, Y(H) = 1 (the paper's, Koay et al.).
    case doubled
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
    public static func encode(_ fields: [Field], normalisation: HyperchargeNormalisation = .standard) throws -> [String] {
        guard fields.count <= Vocabulary.maxFields else {
            throw TokenizerError("\(fields.count) fields; the vocabulary names at most \(Vocabulary.maxFields)")
        }
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

    /// Reads an input sequence back into fields named F0, F1, … by position.
    ///
    /// - Throws: `GrammarError` (position and expected tokens) for a sequence outside the input grammar, or
    ///   `TokenizerError` for a field the builder cannot take (a real scalar in a complex representation).
    public static func decode(_ tokens: [String], normalisation: HyperchargeNormalisation = .standard) throws -> [Field] {
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

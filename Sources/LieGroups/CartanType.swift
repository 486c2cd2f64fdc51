/// The Cartan type of a simple Lie algebra: A_n (n ≥ 1), B_n (n ≥ 2), C_n (n ≥ 2), D_n (n ≥ 4), E6, E7, E8, F4, G2.
///
/// Node numbering follows Bourbaki (as LiE does): B_n has its short simple root last, C_n its long one last, D_n
/// its spinor nodes n−1 and n, E_n is the chain 1–3–4–5–…–n with node 2 attached to node 4, F4 has α1, α2 long,
/// G2 has α1 short.
///
/// Physicists' names parse too (`SU(N)`, `SO(N)`, `Sp(2N)`; see `init(parsing:)` for the small-rank coincidences):
///
///     try CartanType(parsing: "SU3")     // .A(2)
///     try CartanType(parsing: "SO(10)")  // .D(5)
///     try CartanType(parsing: "Sp4")     // .C(2)
public enum CartanType: Hashable, Sendable, CustomStringConvertible {
    case A(Int), B(Int), C(Int), D(Int), E6, E7, E8, F4, G2

    /// The rank (number of simple roots).
    public var rank: Int {
        switch self {
        case .A(let n), .B(let n), .C(let n), .D(let n): return n
        case .E6: return 6
        case .E7: return 7
        case .E8: return 8
        case .F4: return 4
        case .G2: return 2
        }
    }

    /// `A2`, `E8`, … (the form LiE reads).
    public var description: String {
        switch self {
        case .A(let n): return "A\(n)"
        case .B(let n): return "B\(n)"
        case .C(let n): return "C\(n)"
        case .D(let n): return "D\(n)"
        case .E6: return "E6"
        case .E7: return "E7"
        case .E8: return "E8"
        case .F4: return "F4"
        case .G2: return "G2"
        }
    }

    /// The physicists' name: `SU3`, `SO10`, `Sp4`, `E8`, … (B_n = SO(2n+1), C_n = Sp(2n), D_n = SO(2n)).
    public var physicsName: String {
        switch self {
        case .A(let n): return "SU\(n + 1)"
        case .B(let n): return "SO\(2 * n + 1)"
        case .C(let n): return "Sp\(2 * n)"
        case .D(let n): return "SO\(2 * n)"
        default: return description
        }
    }

    /// Whether the rank is in the range where the type is defined and distinct from a smaller-rank type.
    public var isValid: Bool {
        switch self {
        case .A(let n): return n >= 1
        case .B(let n), .C(let n): return n >= 2
        case .D(let n): return n >= 4
        default: return true
        }
    }

    /// The largest rank this package accepts (the weight kernels pack up to 64 labels).
    public static let maximumRank = 64

    /// Parses a Cartan type or a physicists' name, case-insensitively, with or without parentheses:
    /// `A2`, `E8`, `SU3`, `SU(3)`, `SO(10)`, `Sp(4)`, `USp(4)`.
    ///
    /// Small-rank coincidences (convention of this package, stated once):
    /// - `SU(2)` = `Sp(2)` = `SO(3)` = A1. For `SO3` the Dynkin label is the A1 label, so the vector 3 is `(2)`.
    /// - `SO(5)` = B2 (the spinor 4 is `(0,1)`); `Sp(4)` = C2 (the 4 is `(1,0)`): the same algebra, two labellings.
    /// - `SO(6)` = A3 (the vector 6 is `(0,1,0)`, the spinors are 4 = `(1,0,0)` and 4bar).
    /// - `SO(4)` ≅ SU(2)×SU(2) and `SO(2)` ≅ U(1) are not simple: they are rejected with a hint to use a product group.
    /// - `B1`, `C1`, `D2`, `D3` are rejected with a hint naming the isomorphic type (`A1`, `A1`, `A1×A1`, `A3`).
    /// - `Sp(N)` needs even N (Sp(2n) has rank n).
    public init(parsing text: String) throws(LieError) {
        let raw = text.trimmingCharacters(in: " \t")
        var s = String(raw.uppercased().filter { $0 != "(" && $0 != ")" && $0 != "_" })
        if s.hasPrefix("USP") { s = "SP" + s.dropFirst(3) }
        func number(_ prefix: String) -> Int? {
            guard s.hasPrefix(prefix) else { return nil }
            let rest = s.dropFirst(prefix.count)
            guard !rest.isEmpty, rest.count <= 4, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(rest)
        }
        let t: CartanType
        if let n = number("SU") {
            guard n >= 2 else { throw LieError.unknownAlgebra(raw, hint: "SU(N) needs N ≥ 2") }
            t = .A(n - 1)
        } else if let n = number("SO") {
            switch n {
            case 3: t = .A(1)
            case 5: t = .B(2)
            case 6: t = .A(3)
            case 4: throw LieError.unknownAlgebra(raw, hint: "SO(4) ≅ SU(2)×SU(2) is not simple; use the product SU2 × SU2")
            case 0, 1, 2: throw LieError.unknownAlgebra(raw, hint: "SO(\(n)) is not a simple Lie group (SO(2) ≅ U(1))")
            default: t = n % 2 == 1 ? .B((n - 1) / 2) : .D(n / 2)
            }
        } else if let n = number("SP") {
            guard n % 2 == 0, n >= 2 else {
                throw LieError.unknownAlgebra(raw, hint: "Sp(N) needs an even N: Sp(2n) has rank n (Sp(\(2 * n)) for rank \(n))")
            }
            t = n == 2 ? .A(1) : .C(n / 2)
        } else if let n = number("A") { t = .A(n) }
        else if let n = number("B") {
            if n == 1 { throw LieError.unknownAlgebra(raw, hint: "B1 ≅ A1; write A1") }
            t = .B(n)
        } else if let n = number("C") {
            if n == 1 { throw LieError.unknownAlgebra(raw, hint: "C1 ≅ A1; write A1") }
            t = .C(n)
        } else if let n = number("D") {
            if n == 3 { throw LieError.unknownAlgebra(raw, hint: "D3 ≅ A3; write A3 (SO(6))") }
            if n == 2 { throw LieError.unknownAlgebra(raw, hint: "D2 ≅ A1×A1 is not simple") }
            t = .D(n)
        } else if s == "E6" { t = .E6 } else if s == "E7" { t = .E7 } else if s == "E8" { t = .E8 }
        else if s == "F4" { t = .F4 } else if s == "G2" { t = .G2 }
        else {
            let known = ["SU2", "SU3", "SU4", "SU5", "SU6", "SO10", "SO8", "SO7", "Sp4", "Sp6", "E6", "E7", "E8", "F4", "G2",
                         "A1", "A2", "A3", "A4", "B2", "B3", "C2", "C3", "D4", "D5"]
            var near = ""
            var best = Int.max
            for k in known {
                let d = editDistance(raw.uppercased(), k.uppercased())
                if d < best { best = d; near = k }
            }
            throw LieError.unknownAlgebra(raw, hint: best <= 2 ? "did you mean '\(near)'?"
                                            : "expected a Cartan type (A2, E8, …) or SU(N), SO(N), Sp(2N)")
        }
        guard t.isValid, t.rank >= 1 else { throw LieError.unknownAlgebra(raw, hint: "rank out of range") }
        guard t.rank <= CartanType.maximumRank else {
            throw LieError.unknownAlgebra(raw, hint: "rank \(t.rank) is above the supported maximum \(CartanType.maximumRank)")
        }
        self = t
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }

    func replacingOccurrences(of a: String, with b: String) -> String {
        guard !a.isEmpty else { return self }
        return self.split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}

/// Levenshtein distance, for the did-you-mean hints of every module above LieGroups (CLI, field parser).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

/// The character route: how many independent invariants a monomial has, for each flavour symmetry.
///
/// For groups of identical letters with representations V_g (gauge × Lorentz) and coupling symmetries λ_g, the number
/// of independent contractions is the multiplicity of the trivial representation of SU(3) × SU(2) × SU(2)_L in
/// ⊗_g S_{λ_g*}(V_g), with λ* = λ for bosons and the transpose λ' for fermions (Fermi statistics twists by the
/// sign). Characters are weight multisets in Dynkin coordinates; S_λ(V) comes from the Frobenius formula
/// S_λ = Σ_μ χ^λ(μ)/z_μ · Π_i ψ^{μ_i}, with Adams operations ψ^j(χ)(x) = χ(x^j) (scale every weight by j); the trivial
/// multiplicity is read off with the Weyl denominator: n_0 = Σ_{w ∈ W} sgn(w) m(ρ − wρ), per simple factor.
///
/// This is a small specialised counter (three fixed factors, k ≤ 4 copies) used by the builder to certify its rank
/// computations; LieGroups has the general machinery and the tests compare the two.
enum SingletCounter {
    /// Weight multiset: packed (SU(3) a, SU(3) b, SU(2), Lorentz) → multiplicity.
    typealias Character = [Int: Int]

    @inline(__always) static func pack(_ a: Int, _ b: Int, _ c: Int, _ l: Int) -> Int {
        ((a + 512) << 30) | ((b + 512) << 20) | ((c + 512) << 10) | (l + 512)
    }
    @inline(__always) static func unpack(_ k: Int) -> (Int, Int, Int, Int) {
        (((k >> 30) & 1023) - 512, ((k >> 20) & 1023) - 512, ((k >> 10) & 1023) - 512, (k & 1023) - 512)
    }

    /// Character of the irrep (p, q) of SU(3), label s of SU(2), and a Lorentz doublet when `fermion`.
    static func irrep(su3 p: Int, _ q: Int, su2 s: Int, fermion: Bool) -> Character {
        // SU(3): Sym^p(3) ⊗ Sym^q(3̄) = (p,q) ⊕ Sym^(p−1)(3) ⊗ Sym^(q−1)(3̄) (remove the traces).
        func symWeights(_ p: Int, conj: Bool) -> [(Int, Int)] {
            guard p >= 0 else { return [] }
            var out: [(Int, Int)] = []
            for i in 0...p { for j in 0...(p - i) {
                let k = p - i - j
                let w = (i - j, j - k)  // i·(1,0) + j·(−1,1) + k·(0,−1)
                out.append(conj ? (-w.0, -w.1) : w)
            } }
            return out
        }
        var su3: [Int: Int] = [:]   // packed (a, b) → multiplicity
        for x in symWeights(p, conj: false) { for y in symWeights(q, conj: true) {
            su3[(x.0 + y.0 + 512) << 10 | (x.1 + y.1 + 512), default: 0] += 1 } }
        if p > 0 && q > 0 {
            for x in symWeights(p - 1, conj: false) { for y in symWeights(q - 1, conj: true) {
                su3[(x.0 + y.0 + 512) << 10 | (x.1 + y.1 + 512), default: 0] -= 1 } }
        }
        var out: Character = [:]
        let lorentz = fermion ? [1, -1] : [0]
        for (k, m) in su3 where m != 0 {
            let a = (k >> 10) - 512, b = (k & 1023) - 512
            for c in stride(from: -s, through: s, by: 2) {
                for l in lorentz { out[pack(a, b, c, l), default: 0] += m }
            }
        }
        return out
    }

    /// ψ^j: every weight multiplied by j.
    static func adams(_ chi: Character, _ j: Int) -> Character {
        if j == 1 { return chi }
        var out: Character = [:]
        for (k, m) in chi {
            let (a, b, c, l) = unpack(k)
            out[pack(j * a, j * b, j * c, j * l), default: 0] += m
        }
        return out
    }

    static func product(_ x: Character, _ y: Character) -> Character {
        var out: Character = [:]
        out.reserveCapacity(x.count * 2)
        for (k1, m1) in x {
            let (a1, b1, c1, l1) = unpack(k1)
            for (k2, m2) in y {
                let (a2, b2, c2, l2) = unpack(k2)
                out[pack(a1 + a2, b1 + b2, c1 + c2, l1 + l2), default: 0] += m1 * m2
            }
        }
        return out
    }

    /// The Schur functor S_λ(V) by the Frobenius formula.
    static func schur(_ v: Character, _ lambda: [Int]) -> Character {
        let k = lambda.reduce(0, +)
        if k == 1 { return v }
        var acc: Character = [:]
        for mu in Young.partitions(k) {
            let coeff = Young.classSize(mu) * Young.character(lambda, mu)
            if coeff == 0 { continue }
            var term: Character = adams(v, mu[0])
            for part in mu.dropFirst() { term = product(term, adams(v, part)) }
            for (w, m) in term { acc[w, default: 0] += coeff * m }
        }
        let kf = Young.factorial(k)
        var out: Character = [:]
        for (w, m) in acc where m != 0 {
            precondition(m % kf == 0, "Frobenius formula gave a non-integral multiplicity")
            out[w] = m / kf
        }
        return out
    }

    /// (ρ − wρ, sgn w) for SU(3) (Dynkin coordinates), SU(2) and SU(2)_L.
    static let su3Shifts: [((Int, Int), Int)] = [((0, 0), 1), ((2, -1), -1), ((-1, 2), -1), ((3, 0), 1), ((0, 3), 1), ((2, 2), -1)]
    static let su2Shifts: [(Int, Int)] = [(0, 1), (2, -1)]

    /// Multiplicity of the trivial representation in the product of the given characters.
    static func singlets(_ factors: [Character]) -> Int {
        guard let last = factors.last else { return 1 }
        var front: Character = [pack(0, 0, 0, 0): 1]
        for f in factors.dropLast() { front = product(front, f) }
        var total = 0
        for (s3, e3) in su3Shifts { for (s2, e2) in su2Shifts { for (sl, el) in su2Shifts {
            // coefficient of the weight (s3, s2, sl) in front × last
            var c = 0
            for (k, m) in last {
                let (a, b, cc, l) = unpack(k)
                if let n = front[pack(s3.0 - a, s3.1 - b, s2 - cc, sl - l)] { c += n * m }
            }
            total += e3 * e2 * el * c
        } } }
        return total
    }

    /// One group of identical letters, as the counter sees it.
    struct Group: Hashable {
        let su3: [Int]        // Dynkin labels (p, q) of the letter
        let su2: Int
        let fermion: Bool
    }

    /// Singlets in ⊗_g S_{λ_g*}(V_g) (see the type comment).
    static func count(groups: [Group], partitions: [[Int]]) -> Int {
        var factors: [Character] = []
        for (g, lambda) in zip(groups, partitions) {
            let v = irrep(su3: g.su3[0], g.su3[1], su2: g.su2, fermion: g.fermion)
            factors.append(schur(v, g.fermion ? Young.transpose(lambda) : lambda))
        }
        return singlets(factors)
    }
}

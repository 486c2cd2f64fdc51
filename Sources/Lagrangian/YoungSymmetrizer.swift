import LieGroups  // signedPermutations

/// Partitions, Young symmetrizers, characters of S_k, and dimensions of Schur modules: the flavour side.
///
/// k identical fields with n flavours: by Schur–Weyl duality the couplings of a monomial split by a partition λ of k
/// (at most n rows): the gauge × Lorentz contraction of the k copies transforms under S_k in the Specht module S^λ
/// (with the sign twist of Fermi statistics for fermions), and the coupling tensor then has the flavour symmetry of λ,
/// with dim S_λ(ℂ^n) independent components (λ = [2]: symmetric, [1,1]: antisymmetric, [1]: general).
/// References: Fulton & Harris, *Representation Theory*, §4.1–4.3 (Young symmetrizers), §6.1 (Schur functors);
/// Murnaghan–Nakayama rule: Sagan, *The Symmetric Group*, §4.10.
public enum Young {
    /// Partitions of k in decreasing lexicographic order ([k] first, [1,…,1] last).
    static func partitions(_ k: Int) -> [[Int]] {
        var out: [[Int]] = []
        var cur: [Int] = []
        func go(_ left: Int, _ maxPart: Int) {
            if left == 0 { out.append(cur); return }
            for part in stride(from: min(left, maxPart), through: 1, by: -1) {
                cur.append(part); go(left - part, part); cur.removeLast()
            }
        }
        go(k, k)
        return out
    }

    /// The conjugate (transposed) partition.
    static func transpose(_ lambda: [Int]) -> [Int] {
        guard let first = lambda.first else { return [] }
        return (0..<first).map { j in lambda.filter { $0 > j }.count }
    }

    /// dim S_λ(ℂ^n) by the hook-content formula Π (n + content)/hook over the cells; 0 when λ has more than n rows.
    public static func schurDimension(_ lambda: [Int], _ n: Int) -> Int {
        let t = transpose(lambda)
        var num = 1, den = 1
        for (i, row) in lambda.enumerated() {
            for j in 0..<row {
                num *= n + j - i
                den *= (row - j - 1) + (t[j] - i - 1) + 1
            }
        }
        return num / den
    }

    /// The Young symmetrizer e = Σ_{r ∈ Row(T)} Σ_{c ∈ Col(T)} sgn(c) · r∘c of the row-reading tableau T of λ
    /// (cells numbered 0, 1, … along the rows), as (permutation, coefficient) pairs with repeated permutations merged.
    /// A permutation σ acts on a form M in k arguments by (σ·M)(x_0, …) = M(x_σ(0), …).
    public static func symmetrizer(_ lambda: [Int]) -> [(perm: [Int], coefficient: Int)] {
        let k = lambda.reduce(0, +)
        var rows: [[Int]] = [], start = 0
        for r in lambda { rows.append(Array(start..<(start + r))); start += r }
        let cols: [[Int]] = (0..<(lambda.first ?? 0)).map { j in rows.filter { $0.count > j }.map { $0[j] } }
        let rowPerms = blockPermutations(rows, k: k)
        let colPerms = blockPermutations(cols, k: k)
        var acc: [[Int]: Int] = [:]
        for (r, _) in rowPerms {
            for (c, sc) in colPerms {
                let rc = (0..<k).map { r[c[$0]] }
                acc[rc, default: 0] += sc
            }
        }
        return acc.filter { $0.value != 0 }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map { ($0.key, $0.value) }
    }

    /// All permutations of 0..<k that preserve each block (as sets), with signs.
    static func blockPermutations(_ blocks: [[Int]], k: Int) -> [(perm: [Int], sign: Int)] {
        var out: [([Int], Int)] = [(Array(0..<k), 1)]
        for b in blocks where b.count > 1 {
            var next: [([Int], Int)] = []
            for (p, s) in out {
                for (q, sq) in signedPermutations(b.count) {
                    var r = p
                    for (i, x) in b.enumerated() { r[x] = p[b[q[i]]] }
                    next.append((r, s * sq))
                }
            }
            out = next
        }
        return out
    }

    /// Sign of a permutation.
    public static func sign(_ perm: [Int]) -> Int {
        var seen = [Bool](repeating: false, count: perm.count), s = 1
        for i in perm.indices where !seen[i] {
            var j = i, len = 0
            while !seen[j] { seen[j] = true; j = perm[j]; len += 1 }
            if len % 2 == 0 { s = -s }
        }
        return s
    }

    /// The irreducible character χ^λ at a permutation of cycle type μ, by the Murnaghan–Nakayama rule on beta-sets:
    /// removing a rim hook of length r moves one bead of the abacus r places down; its sign is (−1)^(beads jumped).
    static func character(_ lambda: [Int], _ mu: [Int]) -> Int {
        guard let r = mu.first else { return lambda.reduce(0, +) == 0 ? 1 : 0 }
        let rest = Array(mu.dropFirst())
        let l = lambda.count
        let beta = lambda.enumerated().map { $0.element + (l - 1 - $0.offset) }
        let set = Set(beta)
        var total = 0
        for (i, b) in beta.enumerated() where b - r >= 0 && !set.contains(b - r) {
            let jumped = beta.filter { $0 > b - r && $0 < b }.count
            var nb = beta
            nb[i] = b - r
            nb.sort(by: >)
            let newLambda = nb.enumerated().map { $0.element - (l - 1 - $0.offset) }.filter { $0 > 0 }
            total += (jumped % 2 == 0 ? 1 : -1) * character(newLambda, rest)
        }
        return total
    }

    /// k!/z_μ: the number of permutations of cycle type μ.
    static func classSize(_ mu: [Int]) -> Int {
        let k = mu.reduce(0, +)
        var z = 1
        var counts: [Int: Int] = [:]
        for m in mu { counts[m, default: 0] += 1 }
        for (m, c) in counts { z *= Int(pow(m, c)) * factorial(c) }
        return factorial(k) / z
    }

    static func factorial(_ n: Int) -> Int { n <= 1 ? 1 : (2...n).reduce(1, *) }
    static func pow(_ b: Int, _ e: Int) -> Int { e == 0 ? 1 : (1...e).reduce(1) { r, _ in r * b } }

    /// Short name of a flavour symmetry: general (k = 1), symmetric, antisymmetric, or mixed with the partition.
    static func symmetryName(_ lambda: [Int]) -> String {
        let k = lambda.reduce(0, +)
        if k == 1 { return "general" }
        if lambda.count == 1 { return "symmetric" }
        if lambda.allSatisfy({ $0 == 1 }) { return "antisymmetric" }
        return "mixed[" + lambda.map(String.init).joined(separator: ",") + "]"
    }
}

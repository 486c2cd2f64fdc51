import Exact

/// Characters of the symmetric group S_k, needed to turn power sums (Adams operations) into Schur functors.
public enum SymmetricGroup {
    /// χ^λ(ρ): the irreducible character of S_k labelled by the partition λ on the class of cycle type ρ, by the
    /// Murnaghan–Nakayama rule (remove border strips of length ρ_1, sign (−1)^{height}), on β-numbers: removing an
    /// r-strip moves one bead β → β − r and its height is the number of beads strictly in between
    /// (James–Kerber, *The Representation Theory of the Symmetric Group*, 2.4.7).
    /// Example: χ^(2,1)((1,1,1)) = 2, χ^(2,1)((3)) = −1.
    /// Preconditions: λ and ρ are partitions of the same k (parts > 0).
    public static func character(_ lambda: [Int], _ rho: [Int]) -> Int {
        let l = lambda.count
        let beta = Set(lambda.enumerated().map { $0.element + (l - 1 - $0.offset) })
        var memo: [MemoKey: Int] = [:]
        return mn(beta, rho[...], &memo)
    }

    private struct MemoKey: Hashable { let beta: [Int]; let rest: [Int] }

    private static func mn(_ beta: Set<Int>, _ rho: ArraySlice<Int>, _ memo: inout [MemoKey: Int]) -> Int {
        guard let r = rho.first else { return 1 }
        let key = MemoKey(beta: beta.sorted(), rest: Array(rho))
        if let v = memo[key] { return v }
        var total = 0
        for b in beta where b - r >= 0 && !beta.contains(b - r) {
            let between = beta.filter { $0 > b - r && $0 < b }.count
            var next = beta
            next.remove(b)
            next.insert(b - r)
            let v = mn(next, rho.dropFirst(), &memo)
            total += between % 2 == 0 ? v : -v
        }
        memo[key] = total
        return total
    }

    /// z_ρ = Π_i i^{m_i} m_i!, the order of the centralizer of a permutation of cycle type ρ (so k!/z_ρ is the
    /// size of its conjugacy class).
    public static func centralizerOrder(_ rho: [Int]) -> BigInt {
        var counts: [Int: Int] = [:]
        for p in rho { counts[p, default: 0] += 1 }
        var z = BigInt.one
        for (i, m) in counts { z *= BigInt(i).power(m) * BigInt.factorial(m) }
        return z
    }

    /// All partitions of k, parts non-increasing, in reverse lexicographic order ((k) first).
    public static func partitions(_ k: Int) -> [[Int]] {
        var out: [[Int]] = []
        func go(_ parts: [Int], _ remaining: Int, _ maxPart: Int) {
            if remaining == 0 { out.append(parts); return }
            for p in stride(from: min(remaining, maxPart), through: 1, by: -1) { go(parts + [p], remaining - p, p) }
        }
        go([], k, k)
        return out
    }
}

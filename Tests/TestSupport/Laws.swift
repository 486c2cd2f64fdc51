/// Law checkers for seeded property tests. Each returns nil when the law holds, or a message naming the law and the
/// inputs (the caller adds the seed), so a failing `#expect(check(...) == nil, "seed …")` prints everything needed
/// to reproduce.
public enum Laws {
    /// a+b = b+a, (a+b)+c = a+(b+c), a+0 = a, a+(−a) = 0, a−b = a+(−b).
    public static func additiveGroup<T: AdditiveArithmetic & CustomStringConvertible>(
        _ a: T, _ b: T, _ c: T, negate: (T) -> T
    ) -> String? {
        if a + b != b + a { return "a+b ≠ b+a for a=\(a) b=\(b)" }
        if (a + b) + c != a + (b + c) { return "+ not associative for a=\(a) b=\(b) c=\(c)" }
        if a + .zero != a { return "a+0 ≠ a for a=\(a)" }
        if a + negate(a) != .zero { return "a+(−a) ≠ 0 for a=\(a)" }
        if a - b != a + negate(b) { return "a−b ≠ a+(−b) for a=\(a) b=\(b)" }
        if (a - b) + b != a { return "(a−b)+b ≠ a for a=\(a) b=\(b)" }
        return nil
    }

    /// ab = ba, (ab)c = a(bc), a(b+c) = ab+ac, 1·a = a.
    public static func commutativeRing<T: AdditiveArithmetic & CustomStringConvertible>(
        _ a: T, _ b: T, _ c: T, one: T, times: (T, T) -> T
    ) -> String? {
        if times(a, b) != times(b, a) { return "ab ≠ ba for a=\(a) b=\(b)" }
        if times(times(a, b), c) != times(a, times(b, c)) { return "· not associative for a=\(a) b=\(b) c=\(c)" }
        if times(a, b + c) != times(a, b) + times(a, c) { return "a(b+c) ≠ ab+ac for a=\(a) b=\(b) c=\(c)" }
        if times(one, a) != a { return "1·a ≠ a for a=\(a)" }
        return nil
    }

    /// Equal values hash equally (checked through a Set), and `a == b` agrees with the description.
    public static func hashConsistent<T: Hashable & CustomStringConvertible>(_ a: T, _ b: T) -> String? {
        if a == b && Set([a, b]).count != 1 { return "equal values \(a), \(b) hash differently" }
        if (a == b) != (a.description == b.description) { return "== disagrees with description for \(a), \(b)" }
        return nil
    }
}

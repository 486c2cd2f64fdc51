import Testing
@testable import Exact

@Suite struct BigIntSmokeTests {
    @Test func overflowPromotesToFlint() {
        let a = BigInt(Int.max) + 1
        #expect(a.description == "9223372036854775808")
        #expect(a - 1 == BigInt(Int.max))
        #expect((a - 1).isSmall)
        #expect((BigInt(1) << 127).description == "170141183460469231731687303715884105728")
    }
    @Test func rationalCanonical() {
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(2, -4).description == "-1/2")
        #expect(Rational("-3/4") == Rational(-3, 4))
        #expect(Rational("1/0") == nil)
    }
}

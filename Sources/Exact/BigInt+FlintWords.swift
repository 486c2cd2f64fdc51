import CFlint

// Zero-copy exchange of values with FLINT. An `fmpz` is one machine word: either the value itself, when
// |v| ≤ COEFF_MAX = 2^62 − 1, or a tagged pointer to an mpz (COEFF_IS_MPZ: the top two bits are 01). A `BigInt`
// holding a big value owns such a word inside its `FmpzCell`, so a read-only FLINT view of it is just a copy of the
// word (FLINT never mutates or frees an input operand). Results come back as words that the caller *moves* into
// new cells. This removes the copy-in/copy-out of every operand that `withFmpz`/`set(into:)` would cost and is what
// makes `Rational`'s big-value path cost about the same as calling `fmpq_add` directly (BENCHMARKS.md "Exact").

@usableFromInline internal let coeffMax = (1 << 62) - 1    // FLINT's COEFF_MAX on 64-bit (checked by a test)

extension BigInt {
    /// The fmpz word of this value, for *read-only* use while `self` is alive; nil when the value needs a
    /// temporary (an inline Int with 2^62 ≤ |v| < 2^63).
    @inlinable internal var fmpzView: fmpz? {
        if let c = big { return c.p.pointee }
        return (small >= -coeffMax && small <= coeffMax) ? small : nil
    }

    /// Takes ownership of an fmpz word produced by FLINT (the caller must not clear it), demoting values that fit
    /// in `Int` to the inline representation so the canonical form is kept.
    @inlinable internal init(movingFmpzWord w: fmpz) {
        if (w >> 62) != 1 { self.init(w); return }          // not COEFF_IS_MPZ: the value itself
        var t = w
        if fmpz_fits_si(&t) != 0 {
            let v = fmpz_get_si(&t)
            fmpz_clear(&t)
            self.init(v)
            return
        }
        let c = FmpzCell()
        c.p.pointee = t
        self.init(cell: c)
    }
}

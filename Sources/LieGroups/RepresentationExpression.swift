import Exact

/// Expressions over the irreps of one simple algebra, as users type them:
///
///     3 x 3bar x 8        products (`x`, `*`, `×`, `⊗`)
///     8^6                 tensor powers
///     Sym^3(8)  Alt^2(8)  symmetric / alternating powers (`S^3`, `Lambda^2`, `Λ^2`, `Wedge^2` too)
///     S[2,1](8)           the plethysm with a partition (Schur functor)
///     psi^2(8)            Adams operation (virtual character)
///     3 + 3bar            direct sums; parentheses group
///     (1,0) x [0,1]       Dynkin labels anywhere a name is
///
/// Grammar: sum := product ('+' product)*; product := power (('x'|'*'|'×'|'⊗') power)*;
/// power := atom ('^' INT)?; atom := NAME | LABELS | '(' sum ')' | FUNCTION '^' INT '(' sum ')' | 'S[' INTS ']' '(' sum ')'.
public indirect enum RepresentationExpression: Sendable, CustomStringConvertible {
    case irrep(Irrep)
    case sum([RepresentationExpression])
    case product([RepresentationExpression])
    case power(RepresentationExpression, Int)
    case symmetric(RepresentationExpression, Int)
    case alternating(RepresentationExpression, Int)
    case plethysm(RepresentationExpression, [Int])
    case adams(RepresentationExpression, Int)

    /// Largest exponent accepted for `^`, and for Sym/Alt/ψ, and largest plethysm degree (beyond these the work
    /// grows past what a command should attempt).
    public static let maximumTensorPower = 2000
    public static let maximumSymmetricPower = 200
    public static let maximumPlethysmDegree = 16

    public var description: String {
        switch self {
        case .irrep(let r): return r.name
        case .sum(let xs): return xs.map(\.description).joined(separator: " + ")
        case .product(let xs): return xs.map { x in
            if case .sum = x { return "(\(x))" } else { return x.description } }.joined(separator: " x ")
        case .power(let x, let n): return "(\(x))^\(n)"
        case .symmetric(let x, let n): return "Sym^\(n)(\(x))"
        case .alternating(let x, let n): return "Alt^\(n)(\(x))"
        case .plethysm(let x, let p): return "S[\(p.map(String.init).joined(separator: ","))](\(x))"
        case .adams(let x, let n): return "psi^\(n)(\(x))"
        }
    }

    /// Parses `text` for algebra `g`. Throws `LieError` naming the offending token.
    public static func parse(_ text: String, in g: SimpleLieAlgebra) throws(LieError) -> RepresentationExpression {
        var p = ExpressionParser(text: text, algebra: g)
        let e = try p.parseSum()
        p.skipSpace()
        if p.pos < p.chars.count {
            throw LieError.malformedExpression(token: p.tokenAt(p.pos), hint: "unexpected text after a complete expression")
        }
        return e
    }

    /// Parses and decomposes.
    public static func evaluate(_ text: String, in g: SimpleLieAlgebra) throws(LieError) -> Decomposition {
        try parse(text, in: g).evaluate(in: g)
    }

    /// The decomposition into irreps.
    public func evaluate(in g: SimpleLieAlgebra) throws(LieError) -> Decomposition {
        switch self {
        case .irrep(let r): return Decomposition(r)
        case .sum(let xs):
            var acc = Decomposition(g, [:])
            for x in xs { acc = acc + (try x.evaluate(in: g)) }
            return acc
        case .product(let xs):
            return try RepresentationExpression.fold(xs.map { x throws(LieError) in try x.evaluate(in: g) })
        case .power(let x, let n): return try x.evaluate(in: g).tensorPower(n)
        case .symmetric(let x, let n): return try x.evaluate(in: g).symmetricPower(n)
        case .alternating(let x, let n): return try x.evaluate(in: g).alternatingPower(n)
        case .plethysm(let x, let p): return try x.evaluate(in: g).plethysm(p)
        case .adams(let x, let n): return try x.evaluate(in: g).adams(n)
        }
    }

    /// Only the number of singlets, with shortcuts: V^n meets in the middle, and A ⊗ B pairs A with B* instead of
    /// forming the last product.
    public func singlets(in g: SimpleLieAlgebra) throws(LieError) -> BigInt {
        switch self {
        case .power(let x, let n): return try x.evaluate(in: g).singletsInTensorPower(n)
        case .product(let xs) where xs.count >= 2:
            var factors = try xs.map { x throws(LieError) in try x.evaluate(in: g) }
            // Pair the product of the others with the largest factor, which is then never expanded.
            let largest = factors.indices.max { factors[$0].dimension < factors[$1].dimension }!
            let last = factors.remove(at: largest)
            return try RepresentationExpression.fold(factors).singletsInProduct(with: last)
        default: return try evaluate(in: g).singletMultiplicity
        }
    }

    /// The product of `factors` (at least one), in the order that keeps Brauer–Klimyk cheap: start from the factor
    /// of largest dimension, then multiply by the others from the smallest up. Each step costs (irreps so far) ×
    /// (distinct weights of the next factor); folding small factors onto the big one keeps both short, where left to
    /// right can expand a big irrep over many irreps. E8 248 ⊗ 3875 ⊗ 30380: 5 irreps × 9,121 weights of 30380
    /// left to right, against 1 × 241 then 8 × 2,401 this way. The product is commutative, so the result is the same.
    static func fold(_ factors: [Decomposition]) throws(LieError) -> Decomposition {
        var rest = factors
        let largest = rest.indices.max { rest[$0].dimension < rest[$1].dimension }!
        var acc = rest.remove(at: largest)
        for x in rest.sorted(by: { $0.dimension < $1.dimension }) { acc = try acc.tensor(x) }
        return acc
    }
}

struct ExpressionParser {
    let chars: [Character]
    let algebra: SimpleLieAlgebra
    var pos = 0

    init(text: String, algebra: SimpleLieAlgebra) { chars = Array(text); self.algebra = algebra }

    /// The characters in r as a String. Appending one Character at a time stays concrete: `String(chars[r])` goes
    /// through the unspecialised generic `String.append(contentsOf:)`, whose associated-type lookup by mangled name
    /// costs a scan of every protocol conformance in the binary (~65 µs) once per process.
    func text(_ r: Range<Int>) -> String {
        var s = ""
        for i in r { s.append(chars[i]) }
        return s
    }

    mutating func skipSpace() { while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" { pos += 1 } }

    /// The token starting at i (for messages).
    func tokenAt(_ i: Int) -> String {
        guard i < chars.count else { return "<end>" }
        var j = i
        if chars[j].isLetter || chars[j].isNumber {
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "'" || chars[j] == "^" { j += 1 }
        } else { j += 1 }
        return text(i..<j)
    }

    mutating func parseSum() throws(LieError) -> RepresentationExpression {
        var xs = [try parseProduct()]
        while true {
            skipSpace()
            guard pos < chars.count, chars[pos] == "+" else { break }
            pos += 1
            xs.append(try parseProduct())
        }
        return xs.count == 1 ? xs[0] : .sum(xs)
    }

    mutating func isTimes() -> Bool {
        skipSpace()
        guard pos < chars.count else { return false }
        let c = chars[pos]
        if c == "*" || c == "×" || c == "⊗" { pos += 1; return true }
        if c == "x" || c == "X" {
            // `x` is the operator when it stands alone (not the start of a word).
            let next = pos + 1 < chars.count ? chars[pos + 1] : " "
            if !next.isLetter { pos += 1; return true }
        }
        return false
    }

    mutating func parseProduct() throws(LieError) -> RepresentationExpression {
        var xs = [try parsePower()]
        while isTimes() { xs.append(try parsePower()) }
        return xs.count == 1 ? xs[0] : .product(xs)
    }

    mutating func parseInt(after what: String) throws(LieError) -> Int {
        skipSpace()
        let start = pos
        while pos < chars.count, chars[pos].isASCII, chars[pos].isNumber { pos += 1 }
        guard pos > start, let v = Int(text(start..<pos)), pos - start <= 6 else {
            throw LieError.malformedExpression(token: tokenAt(start), hint: "expected a (small) non-negative integer after '\(what)'")
        }
        return v
    }

    mutating func parsePower() throws(LieError) -> RepresentationExpression {
        let start = pos
        let base = try parseAtom()
        skipSpace()
        if pos < chars.count, chars[pos] == "^" {
            pos += 1
            let n = try parseInt(after: "^")
            guard n >= 1, n <= RepresentationExpression.maximumTensorPower else {
                throw LieError.malformedExpression(token: "^\(n)", hint: "tensor powers must be between 1 and \(RepresentationExpression.maximumTensorPower)")
            }
            _ = start
            return .power(base, n)
        }
        return base
    }

    mutating func expect(_ c: Character, _ hint: String) throws(LieError) {
        skipSpace()
        guard pos < chars.count, chars[pos] == c else { throw LieError.malformedExpression(token: tokenAt(pos), hint: hint) }
        pos += 1
    }

    /// After `(` at `pos`: whether the parenthesised text is a list of integers (Dynkin labels).
    func labelsAhead(close: Character) -> Int? {
        var j = pos + 1
        while j < chars.count, chars[j] != close {
            let c = chars[j]
            if !(c.isASCII && (c.isNumber || c == "," || c == " " || c == "-")) { return nil }
            j += 1
        }
        return j < chars.count ? j : nil
    }

    mutating func parseAtom() throws(LieError) -> RepresentationExpression {
        skipSpace()
        guard pos < chars.count else {
            throw LieError.malformedExpression(token: "<end>", hint: "an irrep is missing at the end")
        }
        let c = chars[pos]
        if c == "(" || c == "[" {
            let close: Character = c == "(" ? ")" : "]"
            if let end = labelsAhead(close: close) {
                let labels = text(pos..<(end + 1))
                pos = end + 1
                return .irrep(try Irrep.parseLabels(labels, in: algebra))
            }
            guard c == "(" else { throw LieError.malformedExpression(token: tokenAt(pos), hint: "'[' starts Dynkin labels like [1,0]") }
            pos += 1
            let e = try parseSum()
            try expect(")", "missing ')'")
            return e
        }
        if c.isASCII && c.isNumber {
            let start = pos
            while pos < chars.count, chars[pos].isASCII, chars[pos].isNumber { pos += 1 }
            while pos < chars.count, chars[pos] == "'" { pos += 1 }
            if pos + 3 <= chars.count, text(pos..<(pos + 3)).lowercased() == "bar" { pos += 3 }
            while pos < chars.count, chars[pos] == "'" { pos += 1 }
            if pos < chars.count, chars[pos].isLetter, !(chars[pos] == "x" || chars[pos] == "X") {
                throw LieError.unknownIrrep(tokenAt(start), hint: "names look like 3, 3bar, 15' (or give Dynkin labels)")
            }
            return .irrep(try Irrep.parse(text(start..<pos), in: algebra))
        }
        if c.isLetter || c == "Λ" || c == "ψ" {
            let start = pos
            while pos < chars.count, chars[pos].isLetter { pos += 1 }
            let word = text(start..<pos).lowercased()
            if word == "s", pos < chars.count, chars[pos] == "[" {
                pos += 1
                var parts: [Int] = []
                while true {
                    parts.append(try parseInt(after: "S["))
                    skipSpace()
                    if pos < chars.count, chars[pos] == "," { pos += 1; continue }
                    break
                }
                try expect("]", "a partition is written S[2,1]")
                guard parts.allSatisfy({ $0 > 0 }), zip(parts, parts.dropFirst()).allSatisfy({ $0 >= $1 }) else {
                    throw LieError.malformedExpression(token: "S[\(parts.map(String.init).joined(separator: ","))]",
                                                       hint: "a partition has positive non-increasing parts")
                }
                guard parts.reduce(0, +) <= RepresentationExpression.maximumPlethysmDegree else {
                    throw LieError.malformedExpression(token: "S[...]", hint: "plethysm degree above \(RepresentationExpression.maximumPlethysmDegree)")
                }
                try expect("(", "write S[2,1](8)")
                let inner = try parseSum()
                try expect(")", "missing ')'")
                return .plethysm(inner, parts)
            }
            let kinds: [String: String] = ["sym": "sym", "s": "sym", "alt": "alt", "lambda": "alt", "wedge": "alt",
                                           "λ": "alt", "psi": "psi", "ψ": "psi", "adams": "psi"]
            guard let kind = kinds[word] else {
                throw LieError.malformedExpression(token: text(start..<pos),
                                                   hint: "expected an irrep name, Dynkin labels, Sym^k(…), Alt^k(…), S[λ](…) or psi^k(…)")
            }
            try expect("^", "write \(word)^k(…)")
            let k = try parseInt(after: "^")
            let limit = RepresentationExpression.maximumSymmetricPower
            guard k >= (kind == "psi" ? 1 : 0), k <= limit else {
                throw LieError.malformedExpression(token: "\(word)^\(k)", hint: "the power must be between \(kind == "psi" ? 1 : 0) and \(limit)")
            }
            try expect("(", "write \(word)^\(k)(…)")
            let inner = try parseSum()
            try expect(")", "missing ')'")
            switch kind {
            case "sym": return .symmetric(inner, k)
            case "alt": return .alternating(inner, k)
            default: return .adams(inner, k)
            }
        }
        throw LieError.malformedExpression(token: tokenAt(pos), hint: "expected an irrep name, Dynkin labels or '('")
    }
}

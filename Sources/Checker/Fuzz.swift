import Lagrangian
import LieGroups
import Tokenizer

/// The checker's fuzzer: random and mutated candidates, each of which must get a verdict (never a crash), with
/// invariants checked on the way. Shared by the CI test (10^4 cases) and `lagrangify-bench checker` (10^6).
///
/// Case mix per field content (drawn with the corpus sampler, `FieldSampler`, 1–6 fields, seeded):
/// token level (through `Judge.judge(tokens:)`): uniform random vocabulary sequences; the builder's sequence with
/// 1–4 random edits (delete, insert, replace, swap); grammar-guided random walks (a random allowed token at every
/// step, so the sequence parses and the semantic checks run); term level (through `Judge.judge(_:)`): the builder's
/// terms with random structural mutations (drop, duplicate, reorder, conjugation class, letter conjugation, field
/// index out of range, random δ/ε contractions with positions out of range, garbage partitions, wrong kinds).
public enum CheckerFuzz {
    public struct Summary: Sendable, CustomStringConvertible {
        public var cases = 0
        public var verdicts: [Verdict: Int] = [:]
        public var grammarErrors = 0
        public var problems: [ProblemKind: Int] = [:]
        /// Invariant violations (should stay empty): a description per failing case, with its seed and index.
        public var violations: [String] = []
        public init() {}
        public var description: String {
            "cases \(cases): " + [Verdict.exact, .equivalent, .wrong].map { "\($0.rawValue) \(verdicts[$0, default: 0])" }.joined(separator: ", ")
                + ", grammar errors \(grammarErrors); problems " + ProblemKind.allCases.map { "\($0.rawValue) \(problems[$0, default: 0])" }.joined(separator: " ")
        }
    }

    /// Runs `count` cases from `seed`. Deterministic.
    public static func run(count: Int, seed: UInt64) -> Summary {
        var s = Summary()
        var rng = SplitMix64(seed: seed)
        let vocab = Vocabulary.standard.tokens
        var options = SamplerOptions()
        var judge: Judge? = nil
        var canonical: [String] = []
        var i = 0
        while i < count {
            if judge == nil || rng.next() % 16 == 0 {
                options.generations = rng.next() % 5 == 0 ? 2 : 1
                let fields = FieldSampler(options).sample(count: 1 + Int(rng.next() % 6), using: &rng)
                guard let j = try? Judge(fields: fields), let toks = try? LagrangianTokens.encode(j.reference) else { continue }
                judge = j; canonical = toks
            }
            let j = judge!
            let caseKind = Int(rng.next() % 8)
            let report: CheckReport
            var expectNotExact = false
            switch caseKind {
            case 0:
                let n = Int(rng.next() % 40)
                report = j.judge(tokens: (0..<n).map { _ in vocab[Int(rng.next() % UInt64(vocab.count))] })
            case 1:
                var t = canonical
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let pos = t.isEmpty ? 0 : Int(rng.next() % UInt64(t.count))
                    switch rng.next() % 4 {
                    case 0 where !t.isEmpty: t.remove(at: pos)
                    case 1: t.insert(vocab[Int(rng.next() % UInt64(vocab.count))], at: pos)
                    case 2 where !t.isEmpty: t[pos] = vocab[Int(rng.next() % UInt64(vocab.count))]
                    default: if t.count > 1 { t.swapAt(pos, (pos + 1) % t.count) }
                    }
                }
                report = j.judge(tokens: t)
            case 2, 3:
                var p = OutputParser(fields: j.fields)
                var t: [String] = []
                while t.count < 60 {
                    let allowed = p.allowed()
                    if allowed.isEmpty { break }
                    let tok = allowed[Int(rng.next() % UInt64(allowed.count))]
                    if tok == Vocabulary.eos && t.count < 4 && allowed.count > 1 && rng.next() % 4 != 0 { continue }
                    do { try p.feed(tok) } catch {
                        s.violations.append("seed \(seed) case \(i): the parser refused its own allowed token \(tok) after \(t)")
                        break
                    }
                    if tok == Vocabulary.eos { break }
                    t.append(tok)
                }
                report = j.judge(tokens: t)
                if p.isComplete && report.grammarError != nil {
                    s.violations.append("seed \(seed) case \(i): a complete grammar walk got a grammar error: \(t)")
                }
            default:
                var terms = j.reference.terms.map(CandidateTerm.init)
                let before = terms
                mutate(&terms, fields: j.fields.count, rng: &rng)
                report = j.judge(terms, shortcut: rng.next() % 2 == 0)
                expectNotExact = terms.map { $0.canonicalKey(fields: j.fields) } != before.map { $0.canonicalKey(fields: j.fields) }
            }
            s.cases += 1
            s.verdicts[report.verdict, default: 0] += 1
            if report.grammarError != nil { s.grammarErrors += 1 }
            for t in report.terms { for p in t.problems { s.problems[p.kind, default: 0] += 1 } }
            if expectNotExact && report.verdict == .exact {
                s.violations.append("seed \(seed) case \(i): a changed term list was judged exact")
            }
            let flagged = report.terms.contains { !$0.isCorrect } || !report.missing.isEmpty || report.grammarError != nil
            if (report.verdict == .wrong) != flagged || (report.verdict == .wrong && report.reasons.isEmpty) {
                s.violations.append("seed \(seed) case \(i): verdict \(report.verdict) but problems \(report.reasons)")
            }
            if report.matchedDimension > report.referenceDimension || report.matchedDimension > report.candidateDimension {
                s.violations.append("seed \(seed) case \(i): matched dimension above candidate or reference")
            }
            i += 1
        }
        return s
    }

    /// 1–3 random structural mutations of a term list.
    static func mutate(_ terms: inout [CandidateTerm], fields: Int, rng: inout SplitMix64) {
        func r(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }
        func randomContraction(_ n: Int, factors: Int) -> SUContraction {
            var deltas: [SUDelta] = []
            for _ in 0..<r(4) { deltas.append(SUDelta(upper: r(factors + 2) - 1, lower: r(factors + 2) - 1, multiplicity: r(4) - 1)) }
            var eps: [[Int]] = []
            for _ in 0..<r(3) {
                let legs = (0..<n).reduce(into: [Int]()) { acc, _ in acc.append((acc.last ?? -2) + 1 + r(2)) }
                eps.append(legs)
            }
            return SUContraction(n: n, deltas: deltas, epsilons: eps, epsilonsLowered: r(2) == 0)
        }
        for _ in 0..<(1 + r(3)) {
            guard !terms.isEmpty else {
                terms.append(CandidateTerm(kind: .scalarMass, factors: [Letter(field: r(fields), isConjugated: false)], contractions: nil, conjugation: .hermitian))
                continue
            }
            let k = r(terms.count)
            switch r(11) {
            case 0: terms.remove(at: k)
            case 1: terms.append(terms[k])
            case 2: terms.swapAt(k, r(terms.count))
            case 3: terms[k].conjugation = [Conjugation.hermitian, .antiHermitian, .plusHermitianConjugate, .realPart, .imaginaryPart][r(5)]
            case 4:
                if !terms[k].factors.isEmpty { let f = r(terms[k].factors.count); terms[k].factors[f] = Letter(field: terms[k].factors[f].field, isConjugated: !terms[k].factors[f].isConjugated) }
            case 5:
                if !terms[k].factors.isEmpty { terms[k].factors[r(terms[k].factors.count)] = Letter(field: r(fields + 3) - 1, isConjugated: r(2) == 0) }
            case 6:
                let nf = terms[k].factors.count
                terms[k].contractions = [randomContraction(3, factors: nf), randomContraction(2, factors: nf), randomContraction(2, factors: nf)]
            case 7:
                if let l = terms[k].factors.first { terms[k].partitions[l] = (0..<(1 + r(3))).map { _ in r(5) - 1 } }
            case 8: terms[k].kind = TermKind.allCases[r(TermKind.allCases.count)]
            case 9:
                if r(2) == 0 { terms[k].factors.append(Letter(field: r(fields), isConjugated: r(2) == 0)) } else if !terms[k].factors.isEmpty { terms[k].factors.removeLast() }
            default:
                if terms[k].contractions != nil, r(2) == 0 { terms[k].contractions = nil } else { terms[k].contractions = [SUContraction.trivial(n: 3), .trivial(n: 2), .trivial(n: 2)] }
            }
        }
    }
}

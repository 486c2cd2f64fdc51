import Foundation
import Testing
import Lagrangian
import LieGroups
import Tokenizer
import TestSupport
import Checker

@Suite struct Fuzz {
    /// 10^4 random and mutated candidates (token and term level; see `CheckerFuzz`): every one gets a verdict with
    /// consistent reasons and dimensions, a changed term list is never `exact`, and the mix reaches every verdict,
    /// grammar errors, and the main problem kinds (so the fuzzer exercises the judge, not just the parser).
    @Test func tenThousandCandidatesAllGetAVerdict() {
        let seed: UInt64 = 0xF022_2026
        let s = CheckerFuzz.run(count: 10_000, seed: seed)
        print("checker fuzz, seed \(seed): \(s)")
        #expect(s.cases == 10_000)
        #expect(s.violations.count == 0, "seed \(seed): \(s.violations.prefix(5))")
        #expect(s.verdicts.values.reduce(0, +) == 10_000)
        for v in [Verdict.exact, .equivalent, .wrong] { #expect(s.verdicts[v, default: 0] > 0, "seed \(seed): no \(v) verdict in \(s)") }
        #expect(s.grammarErrors > 1000, "seed \(seed): \(s)")
        for k in [ProblemKind.malformed, .notGaugeInvariant, .notLorentzInvariant, .wrongKind, .duplicated, .brokenHermiticity, .flavour] {
            #expect(s.problems[k, default: 0] > 0, "seed \(seed): problem \(k) never produced: \(s)")
        }
    }
}

@Suite struct JSONInput {
    /// The builder's own JSON, read back as a candidate, is exact; with the file's own field list too.
    @Test func builderJSONIsExact() throws {
        for (text, gens) in [("Q u d L e H", 3), ("H S:RS(1,1,0) Sigma:RS(1,3,0) Phi:S(8,2,1/2)", 1)] {
            let j = try judge(text, generations: gens)
            let data = Data(j.reference.json().utf8)
            let parsed = try CandidateJSON.terms(data, fields: j.fields)
            #expect(parsed.unreadable.isEmpty)
            #expect(j.judge(parsed.terms).verdict == .exact)
            #expect(j.judge(parsed.terms, shortcut: false).verdict == .exact)
            let own = try Judge(fields: CandidateJSON.fields(data))
            #expect(own.judge(try CandidateJSON.terms(data, fields: own.fields).terms).verdict == .exact)
        }
    }

    /// Damaged JSON: an ε joining a factor twice and an unknown kind become unreadable entries (verdict wrong), a
    /// non-object is a format error, and nothing crashes.
    @Test func damagedJSON() throws {
        let j = try judge("Q u d L e H")
        var text = j.reference.json()
        text = text.replacingOccurrences(of: "\"kind\":\"yukawa\"", with: "\"kind\":\"yukawaa\"")
        text = text.replacingOccurrences(of: "\"epsilons\":[[0,2]]", with: "\"epsilons\":[[2,2]]")
        let parsed = try CandidateJSON.terms(Data(text.utf8), fields: j.fields)
        #expect(parsed.unreadable.count >= 3, "\(parsed.unreadable)")
        let r = j.judge(parsed.terms, unreadable: parsed.unreadable)
        #expect(r.verdict == .wrong && !r.missing.isEmpty)
        #expect(throws: CandidateJSON.FormatError.self) { try CandidateJSON.terms(Data("[1,2]".utf8), fields: j.fields) }
        #expect(throws: CandidateJSON.FormatError.self) { try CandidateJSON.fields(Data("{\"terms\":[],\"fields\":[{\"name\":\"x\"}]}".utf8)) }
    }

    /// The report formats carry the verdict and the problems.
    @Test func reportFormats() throws {
        let j = try judge("Q u d L e H")
        var c = candidates(j)
        c.append(c.last!)
        let r = j.judge(c)
        let json = j.json(r)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(obj["verdict"] as? String == "wrong")
        #expect((obj["terms"] as? [Any])?.count == 1)
        #expect(j.text(r).contains("duplicated"))
    }
}

import Foundation
import Testing
import Exact
import Lagrangian
import Tokenizer

/// The compact input form (Grammars/input-compact.v1.ebnf) and vocabulary version 2.
@Suite struct CompactInputTests {
    @Test func vocabularyVersion2KeepsEveryVersion1Id() throws {
        let v1 = Vocabulary.v1, v2 = Vocabulary.standard
        #expect(Vocabulary.version == 2 && v1.count == 185 && v2.count == 185 + 47)
        #expect(Array(v2.tokens.prefix(185)) == v1.tokens)
        #expect(v1.hash == "d9b4813a130373be", "the hash recorded by every version-1 corpus (Corpora/sample-v1)")
        #expect(Set(v2.tokens).count == v2.count)
        // Both versions' files read back; a version-1 file with version 2's tokens is refused.
        #expect(try Vocabulary.read(json: Data(v2.json.utf8)) == v2)
        let v1json = v1.json.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1")
        #expect(try Vocabulary.read(json: Data(v1json.utf8)) == v1)
        let mislabelled = v2.json.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1")
        #expect(throws: TokenizerError.self) { try Vocabulary.read(json: Data(mislabelled.utf8)) }
    }

    @Test func standardModelByHand() throws {
        // Q (3,2,1/6); u_R (3,1,2/3) is written as ū (3bar,1,-2/3); d_R as d̄ (3bar,1,1/3); L (1,2,-1/2);
        // e_R as ē (1,1,1); H (1,2,1/2) a complex scalar. Every slot is written, singlets included.
        let l = try Lagrangian.build(try parseFieldList("Q u d L e H").map(\.leftHandedSpelling))
        let t = try InputTokens.encode(l.fields, form: .compact)
        #expect(t.joined(separator: " ") == [
            "FIELD WEYL SU3:3 SU2:2 Y:1/6", "FIELD WEYL SU3:3bar SU2:1 Y:-2/3", "FIELD WEYL SU3:3bar SU2:1 Y:1/3",
            "FIELD WEYL SU3:1 SU2:2 Y:-1/2", "FIELD WEYL SU3:1 SU2:1 Y:1", "FIELD SCALAR SU3:1 SU2:2 Y:1/2",
        ].joined(separator: " "))
        #expect(InputTokens.form(of: t) == .compact)
        #expect(try InputTokens.decode(t).map(\.rep) == l.fields.map(\.rep))
        // A right-handed field given to the encoder is written in its left-handed spelling.
        let paperOrder = try Lagrangian.build(try parseFieldList("Q u d L e H")).fields
        #expect(try InputTokens.encode(paperOrder, form: .compact) == t)
    }

    @Test func roundTripOverRandomFields() throws {
        // Every irrep and hypercharge the form writes, two generations on fermions; any order (no builder needed).
        var rng = SplitMix64(seed: 11)
        var o = SamplerOptions()
        o.su3 = InputTokens.compactSU3Labels
        o.su2 = Array(0..<8)
        o.hypercharges = (-12...12).map { Rational($0, 6) }
        o.generations = 2
        for n in 1...8 {
            for _ in 0..<25 {
                let fields = FieldSampler(o).sample(count: n, using: &rng).map(\.leftHandedSpelling)
                let t = try InputTokens.encode(fields, form: .compact)
                #expect(t.count == fields.reduce(0) { $0 + ($1.generations > 1 ? 7 : 5) }, "five tokens a field, GEN n after")
                let back = try InputTokens.decode(t)
                #expect(back.map(\.rep) == fields.map(\.rep) && back.map(\.spin) == fields.map(\.spin))
                #expect(back.map(\.isReal) == fields.map(\.isReal) && back.map(\.generations) == fields.map(\.generations))
                #expect(t.allSatisfy { Vocabulary.standard.id($0) != nil }, "every token is in the vocabulary")
            }
        }
    }

    @Test func whatTheCompactFormCannotWrite() throws {
        func f(_ su2: Int, _ y: Rational) -> Field { Field(name: "X", spin: .scalar, rep: GaugeRep(su3: [0, 0], su2: [su2], hypercharge: y)) }
        #expect { try InputTokens.encode([f(8, .zero)], form: .compact) } throws: { "\($0)".contains("SU(2) dimension 9") }
        #expect { try InputTokens.encode([f(0, Rational(1, 7))], form: .compact) } throws: { "\($0)".contains("hypercharge 1/7") }
        #expect { try InputTokens.encode([f(0, Rational(13, 6))], form: .compact) } throws: { "\($0)".contains("hypercharge 13/6") }
        // Decoding names the position and what was expected.
        #expect { try InputTokens.decode(["FIELD", "WEYL", "SU3:3", "Y:1/6"]) } throws: { e in
            guard let g = e as? GrammarError else { return false }
            return g.position == 3 && g.found == "Y:1/6" && g.expected.contains("SU2:2")
        }
        #expect { try InputTokens.decode(["FIELD", "REALSCALAR", "SU3:3", "SU2:1", "Y:0"]) } throws: { "\($0)".contains("not a real representation") }
    }

    @Test func modelInputSpecFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("model-input-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ModelInputSpec.read(directory: dir).form == .paper, "no input.json: the paper form")
        try ModelInputSpec(form: .compact).write(directory: dir)
        #expect(try ModelInputSpec.read(directory: dir).form == .compact)
        try Data("{\"format\": \"lagrangify-model-input\", \"format_version\": 9, \"input_form\": \"compact\"}".utf8)
            .write(to: dir.appendingPathComponent("input.json"))
        #expect { try ModelInputSpec.read(directory: dir) } throws: { "\($0)".contains("format_version 9") }
        #expect(ModelInputSpec.form(ofManifest: Data("{\"input_form\": \"compact\"}".utf8)) == .compact)
        #expect(ModelInputSpec.form(ofManifest: Data("{\"vocab_size\": 185}".utf8)) == .paper)
    }

    /// The compact corpus holds the paper-form corpus's examples when that one spells every fermion left-handed:
    /// same splits, same outputs line for line, and inputs that decode to the same fields.
    @Test func compactCorpusEqualsTheLeftHandedPaperCorpus() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("compact-corpus-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        var o = CorpusOptions()
        o.examples = 250; o.seed = 9; o.maxFields = 5; o.oodExamples = 10; o.commandLine = "test"
        o.sampler.rightHandedFraction = 0
        let paper = root.appendingPathComponent("paper"), compact = root.appendingPathComponent("compact")
        let a = try CorpusWriter.write(to: paper, options: o)
        o.inputForm = .compact
        let b = try CorpusWriter.write(to: compact, options: o)
        #expect(a.counts == b.counts)
        for split in ["train", "valid", "test", "ood"] {
            let ta = try String(contentsOf: paper.appendingPathComponent("\(split).tgt"), encoding: .utf8)
            #expect(ta == (try String(contentsOf: compact.appendingPathComponent("\(split).tgt"), encoding: .utf8)), "\(split).tgt")
            func inputs(_ d: URL) throws -> [[Field]] {
                try String(contentsOf: d.appendingPathComponent("\(split).jsonl"), encoding: .utf8).split(separator: "\n").map { line in
                    let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                    return try InputTokens.decode((obj["input"] as! String).split(separator: " ").map(String.init))
                }
            }
            #expect(try inputs(paper) == (try inputs(compact)), "\(split) inputs")
        }
        let m = try String(contentsOf: compact.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(m.contains("\"input_form\": \"compact\"") && m.contains("Grammars/input-compact.v1.ebnf") && m.contains("\"vocabulary_version\": 2"))
        o.normalisation = .doubled
        #expect(throws: TokenizerError.self) { try CorpusWriter.write(to: root.appendingPathComponent("never"), options: o) }
    }
}

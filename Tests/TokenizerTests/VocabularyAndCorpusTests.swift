import Foundation
import Testing
import Lagrangian
import Tokenizer

@Suite struct VocabularyAndCorpusTests {
    @Test func reservedIdsAndUniqueness() {
        let v = Vocabulary.standard
        #expect([v.id("<s>"), v.id("<pad>"), v.id("</s>"), v.id("<unk>")] == [0, 1, 2, 3])
        #expect(Set(v.tokens).count == v.count)
        #expect(v.ids(["MASS", "nonsense"])[1] == Vocabulary.unkId)
    }

    @Test func vocabularyFileRoundTripAndVersionCheck() throws {
        let v = Vocabulary.standard
        #expect(try Vocabulary.read(json: Data(v.json.utf8)) == v)
        let wrong = v.json.replacingOccurrences(of: "\"version\": \(Vocabulary.version)", with: "\"version\": 9")
        #expect(throws: TokenizerError.self) { try Vocabulary.read(json: Data(wrong.utf8)) }
        let tampered = v.json.replacingOccurrences(of: "\"YUK\"", with: "\"YUKAWA\"")
        #expect(throws: TokenizerError.self) { try Vocabulary.read(json: Data(tampered.utf8)) }
    }

    static func tmp(_ name: String) -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tok-test-\(name)-\(getpid())")
    }

    static func smallCorpus(_ dir: URL, seed: UInt64 = 5) throws {
        var o = CorpusOptions()
        o.examples = 300; o.seed = seed; o.maxFields = 5; o.oodExamples = 20; o.commandLine = "test"
        _ = try CorpusWriter.write(to: dir, options: o)
    }

    /// Same options → byte-identical files (the binary .bin shards included); every line parses under both grammars; no content in two splits.
    @Test func corpusDeterminismAndGrammar() throws {
        let a = Self.tmp("a"), b = Self.tmp("b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try Self.smallCorpus(a); try Self.smallCorpus(b)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names.contains("train.src") && names.contains("test_n1.tgt") && names.contains("ood.jsonl") && names.contains("manifest.json"))
        #expect(names.contains("train.bin") && names.contains("test_n1.bin") && names.contains("ood.bin"))
        for n in names {
            #expect(FileManager.default.contents(atPath: a.appendingPathComponent(n).path)
                    == FileManager.default.contents(atPath: b.appendingPathComponent(n).path), "\(n) differs")
        }
        let v = Vocabulary.standard
        var contents: [String: String] = [:]
        for split in ["train", "valid", "test", "ood"] {
            let src = try String(contentsOf: a.appendingPathComponent("\(split).src"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let tgt = try String(contentsOf: a.appendingPathComponent("\(split).tgt"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(src.count == tgt.count)
            for (s, t) in zip(src, tgt) {
                let inp = v.tokens(s.split(separator: " ").map { Int($0)! })
                let out = v.tokens(t.split(separator: " ").map { Int($0)! })
                let fields = try InputTokens.decode(inp)
                #expect(LagrangianTokens.check(out, fields: fields) == nil, "\(split): \(out.joined(separator: " "))")
                let key = inp.joined(separator: " ")
                #expect(contents[key] == nil || contents[key] == split, "content in two splits")
                #expect(contents[key] == nil, "duplicate content")
                contents[key] = split
            }
        }
        #expect(contents.count == 320)
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: a.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect(m["format"] as? String == "lagrangify-token-lines" && m["format_version"] as? Int == 1)
        #expect(m["vocab_size"] as? Int == v.count && m["pad_id"] as? Int == 1 && m["bos_id"] as? Int == 0 && m["eos_id"] as? Int == 2)
        #expect((m["hypercharge_normalisation"] as? String)?.hasPrefix("Q = T3 + Y") == true)
        let c = Self.tmp("c"); defer { try? FileManager.default.removeItem(at: c) }
        try Self.smallCorpus(c, seed: 6)
        #expect(FileManager.default.contents(atPath: c.appendingPathComponent("train.src").path)
                != FileManager.default.contents(atPath: a.appendingPathComponent("train.src").path))
    }

    /// Hugging Face `tokenizers` loads tokenizer.json and gives our ids (skipped without the Python package).
    @Test func huggingFaceTokenizerLoads() throws {
        let py = "/tmp/torchvenv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: py) else { return }
        let dir = Self.tmp("hf"); defer { try? FileManager.default.removeItem(at: dir) }
        try CorpusWriter.writeVocabularyFiles(to: dir)
        let text = "MASS F5* F5 QUAR F5* F5* F5 F5 2d20 2d31 YUK F0 F1 F5"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = ["-c", """
        import sys
        try:
            from tokenizers import Tokenizer
        except ImportError:
            print("SKIP"); sys.exit(0)
        t = Tokenizer.from_file(sys.argv[1])
        print(" ".join(map(str, t.encode(sys.argv[2]).ids)))
        """, dir.appendingPathComponent("tokenizer.json").path, text]
        let pipe = Pipe(); p.standardOutput = pipe
        try p.run(); p.waitUntilExit()
        let got = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8)!.trimmingCharacters(in: .whitespacesAndNewlines)
        if got == "SKIP" { return }
        let ids = [Vocabulary.bosId] + Vocabulary.standard.ids(text.split(separator: " ").map(String.init)) + [Vocabulary.eosId]
        #expect(got == ids.map(String.init).joined(separator: " "))
    }
}

import Foundation
import Testing
import Lagrangian
import Exact
import Tokenizer
import TokenShards

/// Binary token shards (`.bin`) as the corpus writer writes them, and corpora made in shards (`--shard i/n`, merge).
@Suite struct TokenShardTests {
    static let expectation = TokenShardExpectation(grammarVersion: CorpusWriter.grammarVersion, vocabularyVersion: Vocabulary.version,
                                                   vocabularySize: Vocabulary.standard.count,
                                                   vocabularyHash: UInt64(Vocabulary.standard.hash, radix: 16)!)
    static let regenerate = "regenerate it with `lagrangify corpus --out X --examples 300`"

    static func ids(_ url: URL) throws -> [[Int]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.split(separator: " ").map { Int($0)! } }
    }

    /// A shard encodes and decodes to itself (empty sequences included), and its size is the documented one.
    @Test func shardRoundTrip() throws {
        var s = TokenShard(grammarVersion: 1, vocabularyVersion: 1, vocabularySize: 300, vocabularyHash: 0x0123_4567_89ab_cdef)
        s.append(source: [4, 5, 299], target: [])
        s.append(source: [], target: [7])
        s.append(source: [10, 11], target: [12, 13, 14])
        let d = s.encoded()
        #expect(d.count == 64 + 8 * 4 + 2 * (5 + 4))
        #expect(Array(d[0..<8]) == Array("LGTKSHRD".utf8))
        let back = try TokenShard.decode(d, file: "x.bin")
        #expect(back == s)
        #expect(back.count == 3 && Array(back.source(0)) == [4, 5, 299] && back.target(0).isEmpty && Array(back.target(2)) == [12, 13, 14])
        #expect(s.encoded() == d, "encoding is deterministic")
        let empty = TokenShard(grammarVersion: 1, vocabularyVersion: 1, vocabularySize: 10, vocabularyHash: 1)
        #expect(try TokenShard.decode(empty.encoded(), file: "e.bin") == empty)
    }

    /// Every split's .bin holds exactly the ids of its .src/.tgt lines, and the manifest lists each shard with its
    /// example count and header checksum (and the whole-file FNV-1a like every other file).
    @Test func corpusShardsMatchTheTextFiles() throws {
        let dir = VocabularyAndCorpusTests.tmp("bin"); defer { try? FileManager.default.removeItem(at: dir) }
        try VocabularyAndCorpusTests.smallCorpus(dir)
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as! [String: Any]
        let listed = (m["token_shards"] as! [String: Any])["files"] as! [String: [String: Any]]
        let sums = m["checksums_fnv1a64"] as! [String: String]
        let splits = ["train", "valid", "test", "ood"] + (1...5).map { "test_n\($0)" }
        #expect(Set(listed.keys) == Set(splits.map { "\($0).bin" }))
        for split in splits {
            let url = dir.appendingPathComponent("\(split).bin")
            let data = try Data(contentsOf: url)
            let shard = try TokenShard.read(url, expecting: Self.expectation)
            let src = try Self.ids(dir.appendingPathComponent("\(split).src")), tgt = try Self.ids(dir.appendingPathComponent("\(split).tgt"))
            #expect(shard.count == src.count && src.count == tgt.count, "\(split)")
            for i in 0..<shard.count {
                #expect(shard.source(i).map { Int($0) } == src[i] && shard.target(i).map { Int($0) } == tgt[i], "\(split) example \(i)")
            }
            #expect(listed["\(split).bin"]?["examples"] as? Int == shard.count)
            #expect(listed["\(split).bin"]?["checksum"] as? String == String(format: "%016llx", TokenShard.checksum(data)))
            #expect(sums["\(split).bin"] == String(format: "%016llx", CorpusWriter.fnv1a(data)))
        }
    }

    /// Corrupted, truncated and mismatched shards are rejected; every message names the file, says what is wrong
    /// and carries the regeneration hint.
    @Test func badShardsAreRejectedWithAClearMessage() throws {
        let dir = VocabularyAndCorpusTests.tmp("badbin"); defer { try? FileManager.default.removeItem(at: dir) }
        try VocabularyAndCorpusTests.smallCorpus(dir)
        let good = try Data(contentsOf: dir.appendingPathComponent("train.bin"))
        func rejects(_ name: String, _ data: Data, _ expecting: TokenShardExpectation = TokenShardTests.expectation, saying what: String) throws {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            do {
                _ = try TokenShard.read(url, expecting: expecting, regenerate: Self.regenerate)
                Issue.record("\(name) was accepted")
            } catch let e as TokenShardError {
                #expect(e.description.hasPrefix(url.path + ": "), "\(e)")
                #expect(e.description.contains(what), "\(name): \(e)")
                #expect(e.description.hasSuffix(Self.regenerate), "\(e)")
            }
        }
        var flipped = good; flipped[good.count / 2] ^= 0x40
        try rejects("flipped.bin", flipped, saying: "checksum mismatch")
        var flippedHeader = good; flippedHeader[60] ^= 1          // the checksum field itself
        try rejects("flippedsum.bin", flippedHeader, saying: "checksum mismatch")
        var magic = good; magic[0] = UInt8(ascii: "X")
        try rejects("magic.bin", magic, saying: "bad magic")
        var version = good; version[8] = 2
        try rejects("version.bin", version, saying: "format version 2; this build reads version 1")
        var grammar = good; grammar[12] = 9
        try rejects("grammar.bin", grammar, saying: "grammar version 9, expected 1")
        var count = good                                            // N + 1: the payload is one offset pair short
        let n = count[32..<40].withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        count.replaceSubrange(32..<40, with: withUnsafeBytes(of: (n + 1).littleEndian) { Data($0) })
        try rejects("count.bin", count, saying: "truncated")
        try rejects("truncated.bin", good.prefix(good.count - 1), saying: "truncated")
        try rejects("header.bin", good.prefix(20), saying: "truncated: 20 bytes")
        try rejects("empty.bin", Data(), saying: "truncated: 0 bytes")
        try rejects("trailing.bin", good + Data([0]), saying: "1 unexpected bytes")
        // A well-formed shard of another vocabulary: the hash, not the checksum, is what is reported.
        var other = TokenShard(grammarVersion: 1, vocabularyVersion: Vocabulary.version, vocabularySize: Vocabulary.standard.count, vocabularyHash: 42)
        other.append(source: [4, 5], target: [6])
        try rejects("vocab.bin", other.encoded(), saying: "vocabulary hash 000000000000002a, expected \(Vocabulary.standard.hash)")
        var size = TokenShard(grammarVersion: 1, vocabularyVersion: Vocabulary.version, vocabularySize: 7, vocabularyHash: 1)
        size.append(source: [6], target: [])
        try rejects("size.bin", size.encoded(), TokenShardExpectation(vocabularySize: 8), saying: "vocabulary size 7, expected 8")
        // Header and checksum fine, ids out of range (a buggy writer): caught by the id check.
        var bad = size.encoded(); bad[20] = 3                       // vocabulary size 3 < id 6
        let sum = TokenShard.checksum(bad)
        bad.replaceSubrange(56..<64, with: withUnsafeBytes(of: sum.littleEndian) { Data($0) })
        try rejects("ids.bin", bad, TokenShardExpectation(), saying: "token id 6 is not in 0..<3")
    }

    static func options(_ examples: Int = 300) -> CorpusOptions {
        var o = CorpusOptions()
        o.examples = examples; o.seed = 5; o.maxFields = 5; o.oodExamples = 20; o.commandLine = "test"
        return o
    }

    static func expectSameFiles(_ a: URL, _ b: URL, _ label: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: b.path).sorted()), "\(label): file lists differ")
        #expect(names.contains("train.bin") && names.contains("manifest.json"))
        for n in names {
            #expect(FileManager.default.contents(atPath: a.appendingPathComponent(n).path)
                    == FileManager.default.contents(atPath: b.appendingPathComponent(n).path), "\(label): \(n) differs")
        }
    }

    /// Shard union: shards 1…n, merged, are the single-machine corpus byte for byte (every file, manifest included:
    /// the library takes the command line as an option, so it is the same here), for several n.
    @Test(arguments: [1, 2, 3, 5])
    func mergedShardsEqualTheSingleRun(n: Int) throws {
        let root = VocabularyAndCorpusTests.tmp("union\(n)"); defer { try? FileManager.default.removeItem(at: root) }
        let o = Self.options()
        let single = root.appendingPathComponent("single"), merged = root.appendingPathComponent("merged")
        _ = try CorpusWriter.write(to: single, options: o)
        // Parts in reverse order: the merge must not depend on the order they are given in.
        let parts = (1...n).reversed().map { root.appendingPathComponent("part\($0)") }
        for (k, p) in zip((1...n).reversed(), parts) { _ = try CorpusWriter.writePart(to: p, options: o, shard: k, of: n) }
        _ = try CorpusWriter.merge(parts: parts, to: merged, options: o)
        try Self.expectSameFiles(single, merged, "n=\(n)")
    }

    /// When the parts hold too few distinct contents (a small sampler: repeats across shards are common), the merge
    /// draws the rest itself, and the result is still the single run's.
    @Test func mergeDrawsWhatThePartsLack() throws {
        let root = VocabularyAndCorpusTests.tmp("short"); defer { try? FileManager.default.removeItem(at: root) }
        var o = CorpusOptions()
        // About 120 contents exist; 90 of them take 407 draws, while each of 4 shards stops after ~85 of its own.
        o.examples = 90; o.seed = 3; o.maxFields = 2; o.commandLine = "test"
        o.sampler.su3 = [[0, 0], [1, 0]]; o.sampler.su2 = [0]
        o.sampler.hypercharges = [Rational(0), Rational(1, 2)]
        let single = root.appendingPathComponent("single"), merged = root.appendingPathComponent("merged")
        _ = try CorpusWriter.write(to: single, options: o)
        let parts = (1...4).map { root.appendingPathComponent("part\($0)") }
        let headers = try (1...4).map { try CorpusWriter.writePart(to: parts[$0 - 1], options: o, shard: $0, of: 4) }
        _ = try CorpusWriter.merge(parts: parts, to: merged, options: o)
        try Self.expectSameFiles(single, merged, "short parts")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: single.appendingPathComponent("manifest.json"))) as! [String: Any]
        let attempts = m["attempts"] as! Int
        let covered = headers.map(\.main_next).min()!
        #expect(covered < attempts, "the parts covered draws 0..<\(covered) and the corpus needed \(attempts): this test must exercise the merge's own draws")
    }

    /// The merge refuses incomplete, repeated, foreign or corrupt parts, naming what is wrong.
    @Test func mergeRejectsBadParts() throws {
        let root = VocabularyAndCorpusTests.tmp("badparts"); defer { try? FileManager.default.removeItem(at: root) }
        let o = Self.options(60)
        let parts = (1...3).map { root.appendingPathComponent("part\($0)") }
        for k in 1...3 { _ = try CorpusWriter.writePart(to: parts[k - 1], options: o, shard: k, of: 3) }
        let out = root.appendingPathComponent("out")
        func fails(_ p: [URL], _ opts: CorpusOptions = TokenShardTests.options(60), saying what: String) {
            do { _ = try CorpusWriter.merge(parts: p, to: out, options: opts); Issue.record("merge accepted: \(what)") }
            catch { #expect("\(error)".contains(what), "\(error)") }
        }
        fails([parts[0], parts[1]], saying: "missing 3/3")
        fails([parts[0], parts[1], parts[1]], saying: "repeated 2/3")
        var other = Self.options(60); other.seed = 6
        fails(parts, other, saying: "other options")
        fails([root.appendingPathComponent("nowhere")], saying: "is not a corpus part")
        let draws = parts[2].appendingPathComponent("draws.tsv")
        var d = try Data(contentsOf: draws); d[d.count / 2] ^= 1
        try d.write(to: draws)
        fails(parts, saying: "does not match the checksum in part.json")
        #expect(throws: TokenizerError.self) { try CorpusWriter.writePart(to: out, options: o, shard: 4, of: 3) }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path), "a refused merge writes nothing")
    }
}

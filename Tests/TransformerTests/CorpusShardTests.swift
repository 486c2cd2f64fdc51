import Foundation
import Testing
import Transformer
import TokenShards

/// `TokenLineCorpus` reads binary shards first and rejects a bad one with the file and the regeneration command.
@Suite struct CorpusShardTests {
    static let tokens = ["<s>", "<pad>", "</s>", "<unk>"] + (4..<20).map { "t\($0)" }
    static let command = "lagrangify corpus --out X --examples 3 --seed 9"

    static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// A corpus directory as `lagrangify corpus` writes one: manifest with hash and command, text and .bin.
    static func corpus(_ name: String, hash: UInt64 = fnv(tokens.joined(separator: "\n"))) throws -> (URL, [Example]) {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("shard-corpus-\(name)-\(getpid())")
        let ex = [Example(source: [4, 5, 6], target: [7]), Example(source: [8], target: []), Example(source: [19, 4], target: [5, 6, 7, 8])]
        try TokenLineCorpus.write(to: dir, vocabSize: tokens.count, splits: ["train": ex], vocabulary: tokens)
        let manifest = "{\"format\": \"lagrangify-token-lines\", \"format_version\": 1, \"vocab_size\": \(tokens.count), \"pad_id\": 1, \"bos_id\": 0, \"eos_id\": 2, \"vocabulary_version\": 1, \"vocabulary_hash\": \"\(String(format: "%016llx", fnv(tokens.joined(separator: "\n"))))\", \"grammar_version\": 1, \"command\": \"\(command)\"}\n"
        try Data(manifest.utf8).write(to: dir.appendingPathComponent("manifest.json"))
        var s = TokenShard(grammarVersion: 1, vocabularyVersion: 1, vocabularySize: tokens.count, vocabularyHash: hash)
        for e in ex { s.append(source: e.source.map { Int($0) }, target: e.target.map { Int($0) }) }
        try s.write(to: dir.appendingPathComponent("train.bin"))
        return (dir, ex)
    }

    @Test func binaryShardIsReadAndEqualsTheText() throws {
        let (dir, ex) = try Self.corpus("good"); defer { try? FileManager.default.removeItem(at: dir) }
        let c = try TokenLineCorpus(directory: dir)
        #expect(c.shardURL("train") != nil && c.shardURL("valid") == nil)
        #expect(try c.examples("train") == ex)
        #expect(try c.textExamples("train") == ex)
        #expect(try c.examples("valid").isEmpty)
    }

    @Test func badShardNamesTheFileAndTheCommand() throws {
        let (dir, _) = try Self.corpus("bad"); defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("train.bin")
        func rejected(saying what: String) throws {
            let c = try TokenLineCorpus(directory: dir)
            do { _ = try c.examples("train"); Issue.record("accepted: \(what)") }
            catch let ModelError.badCorpus(m) {
                #expect(m.contains(bin.path) && m.contains(what), "\(m)")
                #expect(m.contains("regenerate the corpus with `\(Self.command)`"), "\(m)")
            }
        }
        var d = try Data(contentsOf: bin); d[d.count - 1] ^= 0xff
        try d.write(to: bin)
        try rejected(saying: "checksum mismatch")
        try d.prefix(d.count - 3).write(to: bin)
        try rejected(saying: "truncated")
        // A shard written with another vocabulary than vocab.txt's.
        let (other, _) = try Self.corpus("bad", hash: 7)
        #expect(other.path == dir.path)
        try rejected(saying: "vocabulary hash 0000000000000007")
    }
}

import Foundation
import Testing
@testable import Transformer
import TestSupport

@Suite struct CheckpointTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tx-ckpt-\(UUID().uuidString)")
    }

    @Test func saveLoadRoundTripIsExact() throws {
        let m = Seq2SeqModel<Float>(config: microConfig(), seed: 3)
        let dir = tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        try Checkpoint.saveModel(m, to: dir)
        let back = try Checkpoint.loadModel(dir)
        #expect(back.config == m.config)
        let same = back.params.array == m.params.array
        #expect(same, "parameters changed in a save/load round trip")
        // The file really is safetensors: header length, JSON header, then data; F32 little-endian.
        let data = try Data(contentsOf: dir.appendingPathComponent("model.safetensors"))
        let n = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(n % 8 == 0 && data.count == 8 + n + 4 * m.layout.count)
        #expect(String(decoding: data[8..<8 + n], as: UTF8.self).contains("\"model.shared.weight\":{\"dtype\":\"F32\""))
    }

    /// A pre-LN model round-trips with its two extra norms; a config.json written before `preLayerNorm` existed
    /// (this is Models/default's, step 5,483) still reads, as post-LN.
    @Test func preLayerNormConfig() throws {
        var cfg = microConfig(); cfg.preLayerNorm = true
        let m = Seq2SeqModel<Float>(config: cfg, seed: 4)
        let dir = tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        try Checkpoint.saveModel(m, to: dir)
        let back = try Checkpoint.loadModel(dir)
        #expect(back.config.preLayerNorm && back.params.array == m.params.array)
        let old = #"{"bosId":0,"dModel":192,"decoderLayers":3,"decoderStartId":2,"encoderLayers":3,"eosId":2,"ffn":768,"heads":6,"layerNormEps":1.0000000000000001e-05,"maxPositions":1024,"name":"small-custom","padId":1,"scaleEmbedding":false,"vocabSize":185}"#
        let c = try JSONDecoder().decode(ModelConfig.self, from: Data(old.utf8))
        #expect(!c.preLayerNorm && c.dModel == 192 && c.vocabSize == 185)
    }

    /// Half-precision storage: F16 and BF16 round-trip within their precision (BF16: 8 bits of mantissa).
    @Test(arguments: [SafeTensors.DType.F16, .BF16])
    func halfPrecision(dtype: SafeTensors.DType) throws {
        let values: [Float] = [0, 1, -2.5, 0.1, 3.14159, 1e-3]
        let d = values.withUnsafeBufferPointer { SafeTensors.encode([("x", [2, 3], $0)], dtype: dtype, metadata: [:]) }
        let back = try SafeTensors.decode(d, source: "mem").floats("x")
        let tol: Float = dtype == .F16 ? 1e-3 : 8e-3
        #expect(zip(values, back).allSatisfy { abs($0 - $1) <= tol * max(1, abs($0)) })
        #expect(back[1] == 1 && back[2] == -2.5)   // exactly representable values stay exact
    }

    @Test func truncatedAndMalformedFilesAreRejected() throws {
        let m = Seq2SeqModel<Float>(config: microConfig(), seed: 3)
        let dir = tempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        try Checkpoint.saveModel(m, to: dir)
        let url = dir.appendingPathComponent("model.safetensors")
        let good = try Data(contentsOf: url)
        func message(_ bytes: Data) -> String {
            do { try bytes.write(to: url); _ = try Checkpoint.loadModel(dir); return "accepted" }
            catch { return "\(error)" }
        }
        #expect(message(good.prefix(good.count - 4)).contains("truncated"))
        #expect(message(good.prefix(5)).contains("truncated"))
        #expect(message(Data(repeating: 0xFF, count: 64)).contains("does not fit"))
        // A header that is not JSON.
        var junk = Data([16, 0, 0, 0, 0, 0, 0, 0]); junk.append(Data("not json at all!".utf8))
        #expect(message(junk).contains("not a JSON object"))
        // Another configuration's weights: shape mismatch names the tensor.
        var other = microConfig(); other.dModel = 12; other.heads = 3
        let otherData = Checkpoint.encodeSlab(Seq2SeqModel<Float>(config: other, seed: 1).params,
                                              layout: ParameterLayout(other), prefix: "", dtype: .F32, metadata: [:])
        #expect(message(otherData).contains("model.shared.weight' has shape [11, 12]"))
        // A future format version in config.json.
        try good.write(to: url)
        let cURL = dir.appendingPathComponent("config.json")
        let cfg = try String(contentsOf: cURL, encoding: .utf8).replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 99")
        try cfg.write(to: cURL, atomically: true, encoding: .utf8)
        #expect(message(good).contains("format_version 99"))
    }
}

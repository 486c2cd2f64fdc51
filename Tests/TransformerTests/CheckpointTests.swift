import Foundation
import Testing
@testable import Transformer
import TestSupport

@Suite struct CheckpointTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tx-ckpt-\(UUID().uuidString)")
    }

    /// Growing the vocabulary (a warm start on vocabulary version 2 from a version-1 model) keeps every old
    /// parameter, so the logits of the old ids are the same (to rounding) on a batch of old ids; the new embedding rows
    /// are fresh N(0, 0.02²) draws and their biases 0.
    @Test func growingTheVocabularyKeepsTheOldLogits() {
        let old = Seq2SeqModel<Float>(config: microConfig(), seed: 5)
        (old.params.p + old.layout.finalLogitsBias).update(repeating: 0.25, count: old.config.vocabSize)
        let V = old.config.vocabSize, n = V + 7, C = old.config.dModel
        let grown = Seq2SeqModel(growing: old, toVocabulary: n, seed: 9)
        #expect(grown.config.vocabSize == n && grown.layout.count == old.layout.count + 7 * C + 7)
        let cfgOld = old.config, cfgNew = grown.config
        let src: [Int32] = [4, 5, 6, 7], labels: [Int32] = [8, 9, cfgOld.eosId]
        let a = old.logits(Seq2SeqBatch(encoderInputs: [src], labels: [labels], config: cfgOld))
        let b = grown.logits(Seq2SeqBatch(encoderInputs: [src], labels: [labels], config: cfgNew))
        for t in 0..<labels.count {
            let worst = zip(a[(t * V)..<((t + 1) * V)], b[(t * n)..<(t * n + V)]).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-6, "position \(t): the old ids' logits moved by \(worst)")
        }
        let newRows = Array(UnsafeBufferPointer(start: grown.params.p + grown.layout.shared + V * C, count: 7 * C))
        let mean = newRows.reduce(0, +) / Float(newRows.count), sd = (newRows.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(newRows.count)).squareRoot()
        #expect(abs(mean) < 0.01 && abs(sd - 0.02) < 0.008, "new rows: mean \(mean), sd \(sd)")
        let bias = Array(UnsafeBufferPointer(start: grown.params.p + grown.layout.finalLogitsBias, count: n))
        #expect(bias[..<V].allSatisfy { $0 == 0.25 } && bias[V...].allSatisfy { $0 == 0 })
    }

    /// Stacking (a deeper warm start): new layer j copies old layer j mod L tensor by tensor, everything outside the
    /// layers is copied, and "stacking" to the same depth is the old model, logits and all. Parameter count by hand for
    /// micro (C 8, F 12): an encoder layer has 4·(C² + C) attention + 2·2C norms + (FC + F) + (CF + C) = 288 + 32 + 108
    /// + 104 = 532 scalars, a decoder layer 2·288 + 3·16 + 212 = 836; 2+2 → 5+3 layers adds 3·532 + 836 = 2,432.
    @Test func stackingCopiesLayersCyclically() {
        let old = Seq2SeqModel<Float>(config: microConfig(), seed: 5)
        let deep = Seq2SeqModel(stacking: old, encoderLayers: 5, decoderLayers: 3)
        #expect(deep.config.encoderLayers == 5 && deep.config.decoderLayers == 3)
        #expect(deep.layout.count == old.layout.count + 2_432)
        func values(_ m: Seq2SeqModel<Float>, _ name: String) -> [Float] {
            let t = m.layout.tensor(named: name)!
            return Array(UnsafeBufferPointer(start: m.params.p + t.offset, count: t.count))
        }
        for (j, source) in [(0, 0), (1, 1), (2, 0), (3, 1), (4, 0)] {
            for part in ["self_attn.q_proj.weight", "fc2.bias", "final_layer_norm.weight"] {
                #expect(values(deep, "model.encoder.layers.\(j).\(part)") == values(old, "model.encoder.layers.\(source).\(part)"))
            }
        }
        #expect(values(deep, "model.decoder.layers.2.encoder_attn.out_proj.weight") == values(old, "model.decoder.layers.0.encoder_attn.out_proj.weight"))
        #expect(values(deep, "model.decoder.layers.2.encoder_attn.out_proj.weight") != values(old, "model.decoder.layers.1.encoder_attn.out_proj.weight"))
        for name in ["model.shared.weight", "model.encoder.embed_positions.weight", "model.decoder.layernorm_embedding.bias", "final_logits_bias"] {
            #expect(values(deep, name) == values(old, name))
        }
        let same = Seq2SeqModel(stacking: old, encoderLayers: 2, decoderLayers: 2)
        #expect(same.params.array == old.params.array)
        let batch = microBatch(old.config)
        #expect(same.logits(batch) == old.logits(batch))
        #expect(Seq2SeqModel<Float>.stackedSource(of: "model.decoder.layers.4.fc1.weight", encoderLayers: 2, decoderLayers: 3) == "model.decoder.layers.1.fc1.weight")
        #expect(Seq2SeqModel<Float>.stackedSource(of: "model.encoder.layers.13.self_attn.k_proj.bias", encoderLayers: 6, decoderLayers: 3) == "model.encoder.layers.1.self_attn.k_proj.bias")
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

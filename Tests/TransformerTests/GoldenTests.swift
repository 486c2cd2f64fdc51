import Foundation
import Testing
@testable import Transformer
import TestSupport

/// Golden values from an independent implementation (llm.c's test_gpt2 pattern): Hugging Face transformers'
/// BartForConditionalGeneration (torch autograd) on a micro model, made by Scripts/make_hf_fixture.py and
/// committed in Fixtures/hf-micro (config.json and model.safetensors as save_pretrained writes them,
/// grads.safetensors, case.json). The test imports the weights through `HuggingFace.importModel` (so the
/// import path is tested too) and compares logits, loss and every parameter gradient. Tolerances: float32
/// on both sides, values of order 1: 1e-4 absolute on logits and loss, 1e-4 relative to the largest entry
/// on each gradient tensor.
/// `hf-micro` is BART (post-LN), `hf-micro-mbart` the same micro model as MBartForConditionalGeneration (pre-LN).
@Suite struct GoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Case: Decodable {
        let input_ids: [[Int32]], decoder_input_ids: [[Int32]], labels: [[Int32]], loss: Double, logits: [Double]
    }

    @Test(arguments: ["hf-micro", "hf-micro-mbart"]) func matchesTransformers(fixture: String) throws {
        let dir = Self.fixtures.appendingPathComponent(fixture)
        let model = try HuggingFace.importModel(from: dir)
        #expect(model.config.preLayerNorm == (fixture == "hf-micro-mbart"))
        let c = try JSONDecoder().decode(Case.self, from: Data(contentsOf: dir.appendingPathComponent("case.json")))
        let cfg = model.config
        #expect(cfg.dModel == 8 && cfg.vocabSize == 11 && cfg.maxPositions == 9)
        // Unpad the fixture's rows; our batch re-pads them identically (right padding with pad id 1).
        let src = c.input_ids.map { Array($0.prefix { $0 != cfg.padId }) }
        let lab = c.labels.map { Array($0.prefix { $0 != cfg.padId }) }
        let batch = Seq2SeqBatch(encoderInputs: src, labels: lab, config: cfg)
        // Decoder inputs agree where labels are real. (At padded label positions transformers' shift_tokens_right
        // feeds the shifted labels, we feed padding: those positions are ignored by the loss and, under the
        // causal mask, seen only by later ignored positions, so nothing else depends on them.)
        let T = batch.targetLength, V = cfg.vocabSize
        let valid = (0..<batch.batch * T).filter { $0 % T < batch.targetLengths[$0 / T] }
        #expect(valid.allSatisfy { batch.decoderInput[$0] == c.decoder_input_ids[$0 / T][$0 % T] })
        let logits = model.logits(batch)
        let dl = valid.flatMap { r in (0..<V).map { abs(Double(logits[r * V + $0]) - c.logits[r * V + $0]) } }.max()!
        #expect(dl < 1e-4, "max |logit difference| \(dl); first ours \(logits.prefix(4)) theirs \(c.logits.prefix(4))")
        let loss = model.forward(batch)
        #expect(abs(loss - c.loss) < 1e-4, "loss \(loss) vs transformers \(c.loss)")
        model.zeroGradients(); model.backward()
        let grads = try SafeTensors.read(dir.appendingPathComponent("grads.safetensors"))
        var checked = 0
        // Floor for the relative scale: k_proj.bias has an exactly zero gradient (softmax ignores a constant
        // shift of the scores), where both sides hold rounding noise of ~1e-9.
        let floor = 1e-4 * model.grads.array.map { abs($0) }.max()!
        for t in model.layout.tensors where t.name != "final_logits_bias" {   // a buffer in torch: no gradient
            let theirs = try grads.floats(t.name)
            let ours = Array(UnsafeBufferPointer(start: model.grads.p + t.offset, count: t.count))
            if t.name.hasSuffix("k_proj.bias") {
                #expect(ours.allSatisfy { abs($0) < 1e-7 } && theirs.allSatisfy { abs($0) < 1e-7 }, "\(t.name) should be 0")
                checked += 1
                continue
            }
            let scale = max(floor, theirs.map { abs($0) }.max()!)
            let err = zip(ours, theirs).map { abs($0 - $1) }.max()! / scale
            #expect(err < 1e-4, "\(t.name): rel err \(err); ours \(ours.prefix(4)) theirs \(theirs.prefix(4))")
            checked += 1
        }
        #expect(checked == model.layout.tensors.count - 1)
    }
}

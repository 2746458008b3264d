@testable import AuditEngine
import PreferenceModel
import PreferenceStatistics
import Testing

@Suite("Deferred batches and the embedding sample")
struct EmbeddingStorageTests {
  static func id(_ line: Int) -> RecordID {
    RecordID(location: SourceLocation(file: "data.jsonl", line: line, index: line - 1))
  }

  @Test("deferred batches come back in order with every value, key, Δlength and id")
  func deferredRoundTrip() throws {
    let store = try DeferredBatches(featureCount: 3, dimension: 2)
    var written: [DeferredBatches.Batch] = []
    var line = 1
    for n in [5, 1, 7] {
      let batch = DeferredBatches.Batch(
        chosen: (0..<(n * 3)).map { Float(line * 100 + $0) }, rejected: (0..<(n * 3)).map { -Float(line + $0) },
        deltaEmbeddings: (0..<(n * 2)).map { Float($0) / 7 }, clusterKeys: (0..<n).map { UInt64(line + $0) },
        lengthDeltas: (0..<n).map { Float($0 - 2) }, ids: (0..<n).map { Self.id(line + $0) })
      try store.append(batch)
      written.append(batch)
      line += n
    }
    #expect(store.pairCount == 13)
    var read: [DeferredBatches.Batch] = []
    try store.forEach { read.append($0) }
    #expect(read.count == 3)
    for (a, b) in zip(written, read) {
      #expect(a.chosen == b.chosen && a.rejected == b.rejected && a.deltaEmbeddings == b.deltaEmbeddings)
      #expect(a.clusterKeys == b.clusterKeys && a.lengthDeltas == b.lengthDeltas && a.ids == b.ids)
    }
  }

  @Test("the embedding sample keeps every pair up to its capacity, then whole prompts of lowest hash")
  func sampleSelection() {
    let d = 3
    func offer(_ sample: inout EmbeddingSample, prompts: Range<Int>) {
      for prompt in prompts {
        // Two pairs per prompt; the first feature Δ records the prompt, the embedding its pair.
        let keys = [UInt64(prompt) &* 0x9E37_79B9_7F4A_7C15, UInt64(prompt) &* 0x9E37_79B9_7F4A_7C15]
        sample.add(
          deltaEmbeddings: (0..<(2 * d)).map { Float(prompt) + Float($0) / 10 },
          featureDeltas: [Float(prompt), 1, Float(prompt), 2], clusterKeys: keys)
      }
    }
    var all = EmbeddingSample(capacity: 1000, dimension: d, featureCount: 2, seed: 7)
    offer(&all, prompts: 0..<400)
    #expect(all.isComplete && all.count == 800 && all.offeredCount == 800)

    var small = EmbeddingSample(capacity: 300, dimension: d, featureCount: 2, seed: 7)
    offer(&small, prompts: 0..<400)
    #expect(!small.isComplete && small.count <= 300 && small.count >= 150)
    #expect(small.count % 2 == 0)
    // Rows stay aligned: each kept pair's embedding starts with its prompt number.
    for i in 0..<small.count {
      #expect(small.deltaEmbeddings[i * d].rounded(.down) == small.featureDeltas[i * 2])
    }
    // The prompts kept are the ones of lowest selection hash (the model sample's rule).
    let kept = Set(small.clusterKeys)
    let ranked = (0..<400).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
      .sorted { PairSample.selectionHash(of: $0, seed: 7) < PairSample.selectionHash(of: $1, seed: 7) }
    #expect(Set(ranked.prefix(kept.count)) == kept)

    small.setFeatureColumns(1..<2, to: (0..<small.count).map { Float($0) })
    #expect((0..<small.count).allSatisfy { small.featureDeltas[$0 * 2 + 1] == Float($0) })
  }
}

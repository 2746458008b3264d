import Dispatch
import PrefAuditPluginAPI
import Synchronization
import Testing

/// Counts how often an analysis was computed.
private final class Counter: Sendable {
  private let value = Atomic(0)
  var count: Int { value.load(ordering: .relaxed) }
  func increment() { value.add(1, ordering: .relaxed) }
}

private struct ResponseLengths: Sendable, Equatable {
  var lengths: [Int]
  init(_ batch: ResponseBatch) { lengths = batch.items.map { $0.response.utf8.count } }
}

private struct FirstResponse: Sendable, Equatable {
  var text: String
}

private struct Failure: Error {}

private func batch(_ responses: String...) -> ResponseBatch {
  ResponseBatch(items: responses.map { ResponseContext(prompt: [], response: $0, side: .chosen) })
}

@Suite("PluginAPI batch analyses")
struct BatchAnalysisTests {
  @Test("an analysis is computed once per batch and shared by copies of the batch")
  func computedOnce() {
    let counter = Counter()
    let first = batch("one", "three")
    let copy = first
    let compute = { (b: ResponseBatch) -> ResponseLengths in
      counter.increment()
      return ResponseLengths(b)
    }
    #expect(first.analysis(ResponseLengths.self, compute).lengths == [3, 5])
    #expect(first.analysis(ResponseLengths.self, compute).lengths == [3, 5])
    #expect(copy.analysis(ResponseLengths.self, compute).lengths == [3, 5])
    #expect(counter.count == 1)
    // Another type is another analysis.
    #expect(first.analysis(FirstResponse.self) { FirstResponse(text: $0.items[0].response) }.text == "one")
    #expect(counter.count == 1)
    // Another batch with the same items has its own analyses.
    _ = batch("one", "three").analysis(ResponseLengths.self, compute)
    #expect(counter.count == 2)
  }

  @Test("changing the items or the embeddings of a batch starts its analyses afresh")
  func mutationResets() {
    let original = batch("one", "three")
    #expect(original.analysis(ResponseLengths.self, ResponseLengths.init).lengths == [3, 5])
    var changed = original
    changed.items[0].response = "seven"
    #expect(changed.analysis(ResponseLengths.self, ResponseLengths.init).lengths == [5, 5])
    #expect(original.analysis(ResponseLengths.self, ResponseLengths.init).lengths == [3, 5])
    var appended = original
    appended.items.append(ResponseContext(prompt: [], response: "ab", side: .rejected))
    #expect(appended.analysis(ResponseLengths.self, ResponseLengths.init).lengths == [3, 5, 2])
    var embedded = original
    embedded.embeddings = nil
    let counter = Counter()
    _ = embedded.analysis(ResponseLengths.self) {
      counter.increment()
      return ResponseLengths($0)
    }
    #expect(counter.count == 1)
  }

  @Test("a throwing computation stores nothing")
  func throwingCompute() throws {
    let b = batch("x")
    #expect(throws: Failure.self) { try b.analysis(FirstResponse.self) { _ in throw Failure() } }
    #expect(b.analysis(FirstResponse.self) { FirstResponse(text: $0.items[0].response) }.text == "x")
  }

  @Test("threads asking at once all get the one stored value")
  func concurrentRequests() {
    let b = batch("a", "bb", "ccc")
    let counter = Counter()
    let results = Mutex<[FirstResponse]>([])
    DispatchQueue.concurrentPerform(iterations: 64) { index in
      let value = b.analysis(FirstResponse.self) { _ in
        counter.increment()
        return FirstResponse(text: "computed by \(index)")
      }
      results.withLock { $0.append(value) }
    }
    let values = results.withLock { $0 }
    #expect(values.count == 64 && Set(values.map(\.text)).count == 1)
    #expect(counter.count >= 1)
  }
}

import Foundation
import Testing
import TestSupport

@testable import DatasetIO

@Suite("Read progress")
struct ReadProgressTests {
  @Test("progress reaches the inputs' size on disk for plain, gzip and tar.gz files", arguments: [
    "hh-rlhf/helpful-base-sample.jsonl.gz", "hh-rlhf/helpful-base-shards.tar.gz", "csv/arena_sample.csv",
  ])
  func reachesTheEnd(_ example: String) throws {
    let path = Fixtures.example(example).path
    let reader = try DatasetReader(inputs: [path])
    let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    #expect(reader.progress.totalBytes == Int64(size))
    #expect(reader.progress.fraction == 0)
    var collector = Collector()
    try reader.read(into: &collector)
    #expect(reader.progress.bytesRead == Int64(size))
    #expect(reader.progress.fraction == 1)
  }
}

import DatasetIO
import Foundation
import TestSupport
import Testing

@Suite("Input expansion and member paths")
struct ContainerInputsTests {
  typealias T = ContainerTesting

  /// d/{a,b}.jsonl, d/sub/c.jsonl.gz, d/sub/deeper/e.jsonl, hidden files and folders, an empty folder.
  static func tree() throws -> URL {
    let folder = try T.folder()
    for name in [
      "d/b.jsonl", "d/a.jsonl", "d/sub/c.jsonl.gz", "d/sub/deeper/e.jsonl", "d/.hidden.jsonl", "d/.git/config",
      "d/sub/.cache/x.jsonl",
    ] {
      try T.write(Array("{}\n".utf8), to: name, in: folder)
    }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("d/empty"), withIntermediateDirectories: true)
    return folder
  }

  @Test("A folder expands recursively, sorted, without hidden files or folders")
  func folderExpansion() throws {
    let tree = try Self.tree()
    defer { T.remove(tree) }
    let root = tree.path
    #expect(
      try expandInputs([root + "/d"]) == [
        "\(root)/d/a.jsonl", "\(root)/d/b.jsonl", "\(root)/d/sub/c.jsonl.gz", "\(root)/d/sub/deeper/e.jsonl",
      ])
  }

  @Test("Shell patterns: *, ?, [..] and **", arguments: [
    ("d/*.jsonl", ["d/a.jsonl", "d/b.jsonl"]),
    ("d/?.jsonl", ["d/a.jsonl", "d/b.jsonl"]),
    ("d/[b].jsonl", ["d/b.jsonl"]),
    ("d/**/*.jsonl", ["d/a.jsonl", "d/b.jsonl", "d/sub/deeper/e.jsonl"]),
    ("d/**/*.gz", ["d/sub/c.jsonl.gz"]),
    ("d/s*", ["d/sub/c.jsonl.gz", "d/sub/deeper/e.jsonl"]),
    ("d/*/*", ["d/sub/c.jsonl.gz", "d/sub/deeper/e.jsonl"]),
  ])
  func globs(pattern: String, expected: [String]) throws {
    let tree = try Self.tree()
    defer { T.remove(tree) }
    let root = tree.path
    #expect(try expandInputs([root + "/" + pattern]) == expected.map { root + "/" + $0 })
  }

  @Test("Files are kept as given and listed once")
  func filesAndDuplicates() throws {
    let tree = try Self.tree()
    defer { T.remove(tree) }
    let root = tree.path
    let inputs = ["\(root)/d/b.jsonl", "\(root)/d", "\(root)/d/*.jsonl"]
    #expect(
      try expandInputs(inputs) == [
        "\(root)/d/b.jsonl", "\(root)/d/a.jsonl", "\(root)/d/sub/c.jsonl.gz", "\(root)/d/sub/deeper/e.jsonl",
      ])
    // A hidden file named explicitly is taken.
    #expect(try expandInputs(["\(root)/d/.hidden.jsonl"]) == ["\(root)/d/.hidden.jsonl"])
  }

  @Test("A path that exists is not treated as a pattern")
  func literalBrackets() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try T.write(Array("{}\n".utf8), to: "x[1].jsonl", in: folder)
    #expect(try expandInputs([url.path]) == [url.path])
  }

  @Test("Nothing matching, a missing path and an empty folder are errors naming them")
  func expansionErrors() throws {
    let tree = try Self.tree()
    defer { T.remove(tree) }
    let root = tree.path
    let pattern = root + "/d/*.parquet"
    #expect(throws: ContainerError.noMatch(pattern: pattern)) { try expandInputs([pattern]) }
    #expect(ContainerError.noMatch(pattern: pattern).description.contains(pattern))
    let missing = root + "/d/missing.jsonl"
    #expect(throws: ContainerError.notFound(path: missing)) { try expandInputs([missing]) }
    let empty = root + "/d/empty"
    #expect(throws: ContainerError.emptyDirectory(path: empty)) { try expandInputs([empty]) }
  }

  @Test("The shared data folder expands to its dataset files, leaving the README out")
  func sharedData() throws {
    let root = Fixtures.shared("hh-rlhf").path
    #expect(
      try expandInputs([root]) == [
        "\(root)/harmless-base/test.jsonl.gz", "\(root)/helpful-base/test.jsonl.gz",
      ])
    #expect(try expandInputs([root + "/*/test.jsonl.gz"]).count == 2)
  }

  @Test("safeMemberPath strips roots and drive letters and drops . and ..", arguments: [
    ("a/b.jsonl", "a/b.jsonl" as String?),
    ("./a/./b.jsonl", "a/b.jsonl"),
    ("/etc/passwd", "etc/passwd"),
    ("//server/share/x", "server/share/x"),
    ("../../x.jsonl", "x.jsonl"),
    ("a/../../b.jsonl", "a/b.jsonl"),
    ("C:\\data\\x.jsonl", "data/x.jsonl"),
    ("c:/x.jsonl", "x.jsonl"),
    ("..\\..\\x.jsonl", "x.jsonl"),
    ("données/日本.jsonl", "données/日本.jsonl"),
    ("..", nil),
    ("/", nil),
    ("./", nil),
    ("", nil),
  ])
  func safePaths(name: String, expected: String?) {
    #expect(safeMemberPath(name) == expected)
    if let expected { #expect(isSafeMemberPath(expected)) }
  }

  @Test("isSafeMemberPath accepts relative names and rejects escapes", arguments: [
    ("a/b.jsonl", true), ("./a.jsonl", true), ("données.jsonl", true), ("a..b.jsonl", true),
    ("../a.jsonl", false), ("a/../../b", false), ("/abs.jsonl", false), ("C:x.jsonl", false),
    ("..\\x", false), ("dir/", false), ("", false), (".", false),
  ])
  func safeCheck(name: String, safe: Bool) {
    #expect(isSafeMemberPath(name) == safe)
  }
}

import Checksums
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
  /// The FIPS 180-4 example messages (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf") and their digests.
  static let nistVectors: [(message: [UInt8], digest: String)] = [
    ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      Array(
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
          .utf8),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
  ]

  /// 10,007 bytes, byte i = (31 i + 7) mod 251; digest from Python's hashlib.
  static let generated = (0..<10_007).map { UInt8((31 * $0 + 7) % 251) }
  static let generatedDigest = "7d124944ddb11aff9d9b5b5586308811dd44ca3d85fb08b59309905b7b706a5b"

  @Test("the FIPS 180-4 examples, in one call and fed at once")
  func nistExamples() {
    for (message, digest) in Self.nistVectors {
      #expect(SHA256.hexDigest(of: message) == digest)
      var hash = SHA256()
      hash.update(message)
      #expect(hash.finalizeHex() == digest)
      #expect(SHA256.digest(of: message).count == 32)
    }
  }

  // Expected digests from Python: hashlib.sha256(text.encode("utf-8")).hexdigest(). The runs of
  // 55, 56 and 64 bytes put the padding on either side of a block boundary.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("how can i develop a habit of drawing daily", "086b3e24f29b8956a01059f79c56db35d118a06fb6b844b095737d042795cd43"),
    ("Bibliothèque 📚 — naïve café", "f93e5ec76faf98c08fa3cd15e95f5a894badcd66c5b52d347f507cdc6af057aa"),
    (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (String(repeating: "b", count: 56), "a5fc6e203a4c2b657d0d153885932414b2ffc6a93f0f8bf8b3183315e5a7212c"),
    (String(repeating: "c", count: 64), "52b6419d27bd7f547cee3b92f8c17a908b8a49601ecbec161e5030de1dfe9e0a"),
    ("日本語のテキスト\n\r\n", "474a4d1f25c984cf262e43acbe2715751e140882387c2b4f793162846778c41b"),
    (String(repeating: "x", count: 1000), "44f8354494a5ba03ba1792a8d3e9c534c47a9181980fde7a3f44b06ef2ae7c7f"),
  ])
  func utf8TextMatchesHashlib(text: String, digest: String) {
    #expect(SHA256.hexDigest(of: text) == digest)
    #expect(SHA256.hexDigest(of: Array(text.utf8)) == digest)
  }

  @Test("fed in chunks of odd sizes, the digest is the one of the whole message", arguments: [1, 3, 7, 55, 63, 65, 127, 1_009])
  func streamingInChunks(chunkSize: Int) {
    var hash = SHA256()
    var start = 0
    while start < Self.generated.count {
      let end = min(start + chunkSize, Self.generated.count)
      Self.generated[start..<end].withUnsafeBytes { hash.update($0) }
      start = end
    }
    #expect(hash.finalizeHex() == Self.generatedDigest)
  }

  @Test("chunks of changing sizes, including empty ones, across the FIPS examples")
  func streamingUnevenChunks() {
    let sizes = [0, 1, 62, 2, 0, 64, 5, 129, 11, 63, 64, 65]
    for (message, digest) in Self.nistVectors + [(Self.generated, Self.generatedDigest)] {
      var hash = SHA256()
      var start = 0
      var round = 0
      while start < message.count {
        let end = min(start + sizes[round % sizes.count], message.count)
        message[start..<end].withUnsafeBytes { hash.update($0) }
        start = end
        round += 1
      }
      hash.update([])
      #expect(hash.finalizeHex() == digest)
    }
  }

  @Test("reading the digest leaves the hash as it was")
  func finalizeDoesNotConsume() {
    var hash = SHA256()
    hash.update(Array("ab".utf8))
    #expect(hash.finalizeHex() == SHA256.hexDigest(of: "ab"))
    #expect(hash.finalize() == SHA256.digest(of: Array("ab".utf8)))
    hash.update(Array("c".utf8))
    #expect(hash.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("a file larger than one read block hashes like its bytes; a missing file names itself")
  func fileDigest() throws {
    let path = "/tmp/prefaudit-sha256-\(getpid()).bin"
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000) + Self.generated + Self.generated
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try SHA256.hexDigest(ofFileAt: path) == SHA256.hexDigest(of: bytes))
    #expect(throws: FileReadError.self) { try SHA256.hexDigest(ofFileAt: path + ".missing") }
    do {
      _ = try SHA256.hexDigest(ofFileAt: path + ".missing")
    } catch {
      #expect(error.description.hasPrefix(path + ".missing: "))
    }
  }
}

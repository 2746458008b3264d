import Foundation
import SentenceEncoder
import Testing

/// all-MiniLM-L6-v2's real vocabulary against BertTokenizerFast on 670 texts
/// (`Reference/tokenizer-reference.jsonl`, written by `make_tokenizer_reference.py`): random
/// strings from many Unicode blocks, edge cases and HH-RLHF replies.
@Suite("Tokenizer vs BertTokenizerFast", .enabled(if: !EncoderFixtures.skipsModelTests))
struct TokenizerReferenceTests {
  struct Case: Decodable {
    var text: String
    var ids: [Int32]
  }

  static func cases() throws -> [Case] {
    let data = try Data(contentsOf: EncoderFixtures.reference("tokenizer-reference.jsonl"))
    return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Case.self, from: Data($0)) }
  }

  @Test("tokenizer.json gives the same ids for every text")
  func fromTokenizerJSON() throws {
    let directory = try EncoderFixtures.requireModelDirectory()
    let tokenizer = try WordPieceTokenizer(tokenizerJSON: ModelFiles.path(directory, ModelFiles.tokenizer), maxLength: 256)
    let cases = try Self.cases()
    #expect(cases.count == 670)
    for item in cases {
      let ids = tokenizer.encode(item.text)
      #expect(ids == item.ids, "\(item.text.debugDescription): \(tokenizer.tokens(ids)) vs \(tokenizer.tokens(item.ids))")
    }
  }

  @Test("vocab.txt with tokenizer_config.json gives the same ids")
  func fromVocabularyFile() throws {
    let directory = try EncoderFixtures.requireModelDirectory()
    let tokenizer = try WordPieceTokenizer(
      vocabularyFile: ModelFiles.path(directory, ModelFiles.vocabulary),
      configurationFile: ModelFiles.path(directory, ModelFiles.tokenizerConfiguration), maxLength: 256)
    for item in try Self.cases() {
      #expect(tokenizer.encode(item.text) == item.ids, "\(item.text.debugDescription)")
    }
  }

  @Test("The model folder's tokenizer truncates at max_seq_length 256, not tokenizer.json's 128")
  func sequenceLimit() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    #expect(embedder.tokenizer.maxLength == 256)
    #expect(embedder.settings.maxSequenceLength == 256)
    #expect(embedder.tokenizer.encode(String(repeating: "word ", count: 400)).count == 256)
    #expect(embedder.tokenizer.classifierTokenID == 101 && embedder.tokenizer.separatorTokenID == 102)
    #expect(embedder.tokenizer.unknownTokenID == 100 && embedder.tokenizer.paddingTokenID == 0)
  }
}

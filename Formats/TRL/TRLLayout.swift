import PreferenceModel

/// One concrete TRL-shaped layout: which keys hold the pair and how messages are spelled.
///
/// The layout's ``name`` is the variant that ``TRLFormat`` reports when sniffing
/// and accepts when encoding, so that a file re-encodes in its own spelling.
struct TRLLayout: Sendable, Hashable {
  /// Where the prompt and the responses are.
  enum Shape: String, Sendable, Hashable, CaseIterable {
    /// `prompt`, `chosen`, `rejected` strings.
    case standard
    /// `chosen`, `rejected` strings that embed the prompt (no `prompt` key).
    case implicitText = "implicit-text"
    /// `prompt` messages; `chosen`/`rejected` hold only the response messages.
    case conversational
    /// No `prompt`; `chosen`/`rejected` are full conversations.
    case implicit
    /// `prompt` and full `chosen`/`rejected` conversations that repeat it (AutoAlign).
    case fullConversation = "full-conversation"
    /// LLaMA-Factory v1: `chosen_messages`/`rejected_messages` full conversations
    /// with content parts and `loss_weight`.
    case v1Messages = "v1-messages"
    /// OpenAI DPO fine-tuning: `input.messages`, `preferred_output`, `non_preferred_output`.
    case openAIDPO = "openai-dpo"
  }

  /// Where the prompt and responses are.
  var shape: Shape
  /// How message objects are spelled (message-list shapes only).
  var spelling: MessageSpelling = .roleContent
  /// Whether `prompt` is a string although the responses are message lists.
  var textPrompt: Bool = false

  /// The key of the chosen response.
  var chosenKey: String {
    switch shape {
    case .v1Messages: return "chosen_messages"
    case .openAIDPO: return "preferred_output"
    default: return "chosen"
    }
  }

  /// The key of the rejected response.
  var rejectedKey: String {
    switch shape {
    case .v1Messages: return "rejected_messages"
    case .openAIDPO: return "non_preferred_output"
    default: return "rejected"
    }
  }

  /// Whether the responses are message lists.
  var usesMessages: Bool { shape != .standard && shape != .implicitText }

  /// Whether the responses repeat the prompt (so a new prompt rewrites them).
  var embedsPrompt: Bool {
    switch shape {
    case .implicitText, .implicit, .fullConversation, .v1Messages: return true
    case .standard, .conversational, .openAIDPO: return false
    }
  }

  /// How fresh message objects write their text.
  var contentStyle: ContentStyle { shape == .v1Messages ? .v1 : .string }

  /// The variant name: the shape, then `-sharegpt` for `from`/`value` messages,
  /// then `-text-prompt` for a string prompt with message-list responses.
  var name: String {
    var name = shape.rawValue
    if spelling == .fromValue { name += "-sharegpt" }
    if textPrompt { name += "-text-prompt" }
    return name
  }

  /// Every layout TRLFormat writes, the default (`standard`) first, then `conversational`.
  static let all: [TRLLayout] = {
    var layouts = [TRLLayout(shape: .standard), TRLLayout(shape: .conversational)]
    for shape in [Shape.conversational, .fullConversation] {
      for spelling in [MessageSpelling.roleContent, .fromValue] {
        for textPrompt in [false, true] {
          let layout = TRLLayout(shape: shape, spelling: spelling, textPrompt: textPrompt)
          if !layouts.contains(layout) { layouts.append(layout) }
        }
      }
    }
    layouts.append(TRLLayout(shape: .implicit))
    layouts.append(TRLLayout(shape: .implicit, spelling: .fromValue))
    layouts.append(TRLLayout(shape: .implicitText))
    layouts.append(TRLLayout(shape: .v1Messages))
    layouts.append(TRLLayout(shape: .openAIDPO))
    return layouts
  }()

  /// The layout named `name`, or `nil` when there is none.
  init?(name: String) {
    guard let layout = TRLLayout.all.first(where: { $0.name == name }) else { return nil }
    self = layout
  }

  /// Creates a layout.
  init(shape: Shape, spelling: MessageSpelling = .roleContent, textPrompt: Bool = false) {
    self.shape = shape
    self.spelling = spelling
    self.textPrompt = textPrompt
  }
}

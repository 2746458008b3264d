/// Which triangle of a square matrix holds the data of a triangular matrix.
public enum Triangle: Sendable, Hashable {
  /// Entries on and below the diagonal.
  case lower
  /// Entries on and above the diagonal.
  case upper
}

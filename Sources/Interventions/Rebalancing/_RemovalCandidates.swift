/// An atom the greedy removal may drop, with the keys that order it.
struct RemovalCandidate {
  /// The fall of the penalty per pair when the atom is dropped (higher first).
  var gain: Double
  /// How far the atom's Δ per pair is from the ideal Δ of the drops still to come (lower first);
  /// decides between atoms of equal gain.
  var distance: Double
  /// The seeded hash of the atom index (lower first); decides between atoms equal on both keys.
  var hash: UInt64
  /// The atom.
  var atom: Int32

  /// Whether `self` is dropped before `other`.
  func precedes(_ other: RemovalCandidate) -> Bool {
    if gain != other.gain { return gain > other.gain }
    if distance != other.distance { return distance < other.distance }
    if hash != other.hash { return hash < other.hash }
    return atom < other.atom
  }
}

/// A binary heap that hands out candidates best first, in O(log n) per candidate.
///
/// A round of the greedy removal usually takes a small part of the candidates, so building a
/// heap (O(n)) and popping beats sorting all of them.
struct RemovalCandidates {
  private var heap: [RemovalCandidate]

  /// Arranges `candidates` into a heap.
  init(_ candidates: [RemovalCandidate]) {
    heap = candidates
    var index = heap.count / 2
    while index > 0 {
      index -= 1
      siftDown(from: index)
    }
  }

  /// Whether no candidate is left.
  var isEmpty: Bool { heap.isEmpty }

  /// Removes and returns the best candidate left.
  mutating func popBest() -> RemovalCandidate? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let best = heap.removeLast()
    if !heap.isEmpty { siftDown(from: 0) }
    return best
  }

  private mutating func siftDown(from start: Int) {
    let count = heap.count
    var parent = start
    while true {
      let left = 2 * parent + 1
      if left >= count { return }
      var child = left
      if left + 1 < count, heap[left + 1].precedes(heap[left]) { child = left + 1 }
      if !heap[child].precedes(heap[parent]) { return }
      heap.swapAt(parent, child)
      parent = child
    }
  }
}

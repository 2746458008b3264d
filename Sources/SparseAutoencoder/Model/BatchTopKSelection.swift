/// Selects the entries of largest magnitude across a whole batch (the BatchTopK rule).
enum BatchTopKSelection {
  /// Marks the `keep` entries of `values` with the largest |value| in `mask`.
  ///
  /// Entries strictly above the cut are all kept; entries equal to the cut are kept in index
  /// order until `keep` are marked, so the result is deterministic. Runs in expected linear time
  /// (quickselect with a median-of-three pivot).
  ///
  /// - Parameters:
  ///   - values: The pre-activations, row-major; all finite.
  ///   - keep: How many to keep (clamped to `0...values.count`).
  ///   - mask: At least `values.count` flags; overwritten.
  ///   - scratch: At least `values.count` floats of workspace; overwritten.
  /// - Returns: The cut, the smallest kept |value| (0 when nothing is kept).
  @discardableResult
  static func select(
    values: UnsafeBufferPointer<Float>, keep: Int, mask: inout [Bool], scratch: inout [Float]
  ) -> Float {
    let count = values.count
    let keep = Swift.min(Swift.max(keep, 0), count)
    precondition(mask.count >= count && scratch.count >= count, "BatchTopKSelection: buffers smaller than the values")
    return mask.withUnsafeMutableBufferPointer { mask in
      scratch.withUnsafeMutableBufferPointer { scratch in
        select(
          values: values, keep: keep, mask: UnsafeMutableBufferPointer(rebasing: mask[0..<count]),
          scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
      }
    }
  }

  /// The pointer form of ``select(values:keep:mask:scratch:)``.
  static func select(
    values: UnsafeBufferPointer<Float>, keep: Int, mask: UnsafeMutableBufferPointer<Bool>,
    scratch: UnsafeMutableBufferPointer<Float>
  ) -> Float {
    let count = values.count
    if keep <= 0 {
      for index in 0..<count { mask[index] = false }
      return 0
    }
    if keep >= count {
      var smallest = Float.infinity
      for index in 0..<count {
        mask[index] = true
        smallest = Swift.min(smallest, abs(values[index]))
      }
      return smallest
    }
    for index in 0..<count { scratch[index] = abs(values[index]) }
    let cut = kthLargest(scratch, count: count, rank: keep - 1)
    var marked = 0
    for index in 0..<count {
      let above = abs(values[index]) > cut
      mask[index] = above
      if above { marked += 1 }
    }
    var index = 0
    while marked < keep && index < count {
      if !mask[index] && abs(values[index]) == cut {
        mask[index] = true
        marked += 1
      }
      index += 1
    }
    return cut
  }

  /// The element that would sit at position `rank` if `buffer[0..<count]` were sorted in
  /// descending order; `buffer` is reordered.
  static func kthLargest(_ buffer: UnsafeMutableBufferPointer<Float>, count: Int, rank: Int) -> Float {
    var low = 0
    var high = count - 1
    while low < high {
      // Median of three as pivot, then a Hoare partition into >= pivot | <= pivot.
      let middle = low + (high - low) / 2
      let a = buffer[low]
      let b = buffer[middle]
      let c = buffer[high]
      let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
      var i = low
      var j = high
      while i <= j {
        while buffer[i] > pivot { i += 1 }
        while buffer[j] < pivot { j -= 1 }
        if i <= j {
          buffer.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if rank <= j {
        high = j
      } else if rank >= i {
        low = i
      } else {
        return buffer[rank]
      }
    }
    return buffer[low]
  }
}

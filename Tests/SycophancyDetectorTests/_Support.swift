@_exported import DetectorTestSupport
@testable import SycophancyDetector

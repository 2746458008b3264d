@_exported import DetectorTestSupport
@testable import PersonaDetector

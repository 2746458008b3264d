/// The safetensors reader and writer live in the `Safetensors` module, shared with the sparse
/// autoencoder; they are re-exported so that ``MiniLMEncoder/init(weights:configuration:)`` and
/// every client of this module see `SafetensorsFile`, `SafetensorsWriter` and their types
/// without importing a second module.
@_exported import Safetensors

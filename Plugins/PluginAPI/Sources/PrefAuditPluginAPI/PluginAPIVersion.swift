/// The version of the detector plugin API a host or plugin was built against.
///
/// Swift modules built without library evolution have no stable ABI: a host
/// loads a plugin only when the plugin reports the same version
/// (``DetectorPlugin/apiVersion``). Raise it with every change to a public
/// type of this module.
///
/// Version 2 added ``ResponseBatch/analysis(_:_:)`` (shared per-batch analyses). Version 3 added
/// ``Detector/prepare(_:)`` with ``DetectorEnvironment`` and ``TextEmbedder`` (probes trained on a
/// detector's own texts), ``FeatureDiagnostic``, ``PairFittedDetector`` with ``PairEmbeddingSample``
/// (features learned from the audited pairs), and dropped `EmbeddingProvider.promptEmbeddings()`.
public let pluginAPIVersion = 3

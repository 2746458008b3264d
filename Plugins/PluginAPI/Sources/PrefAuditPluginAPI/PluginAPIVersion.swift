/// The version of the detector plugin API a host or plugin was built against.
///
/// Swift modules built without library evolution have no stable ABI: a host
/// loads a plugin only when the plugin reports the same version
/// (``DetectorPlugin/apiVersion``). Raise it with every change to a public
/// type of this module.
///
/// Version 2 added ``ResponseBatch/analysis(_:_:)`` (shared per-batch analyses).
public let pluginAPIVersion = 2

// The building blocks of MetropoleKit (HTML, CSV, mail messages, dates, names) are used in nearly every
// file of the app, and the runtime's database handles in most queries, so both are imported once for the module.
@_exported import MetropoleKit
@_exported import MetropoleRuntime

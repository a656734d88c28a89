// The building blocks of MetropoleKit (HTML, CSV, mail messages, dates, names) are used in nearly every
// file of the app, so they are imported once for the whole module.
@_exported import MetropoleKit

/// The choices the back-office forms offer. Each feature adds the choices of its own content
/// (`extension EditorOptions` beside its editors), so another feature's form can offer them.
enum EditorOptions {}

/// The participation process itself: its phases and fields of action. Its pages are the home
/// page's; here it adds the back-office editors.
enum ProcessFeature: Feature {
    static var editors: [ContentEditor] { [Editors.process, Editors.phases, Editors.fields] }
}

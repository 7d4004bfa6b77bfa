import CFriBidi

/// Namespace for laying out text into terminal cells.
public enum TerminalText {}

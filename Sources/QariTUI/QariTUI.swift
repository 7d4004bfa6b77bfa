import CNcurses
import QariCore
import TerminalText

/// Namespace for the interactive browser.
public enum QariTUI {}

# Sourced by ./safeland.sh (and its test): does this `safeland` command line open the window?
# The window opens with no command or with `gui`, whatever options come before it
# (`--db FILE`, `--db=FILE`, `--debug`); `--help` and every other command do not.
opens_window() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --db) shift 2 2>/dev/null || return 1 ;;   # --db FILE: the file is not a command
      --db=*|--debug) shift ;;
      -h|--help) return 1 ;;
      gui) return 0 ;;
      -*) shift ;;
      *) return 1 ;;                              # another command: status, sync, sheet...
    esac
  done
  return 0                                        # no command: the window
}

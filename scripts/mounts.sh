# Sourced by .ci/run and scripts/fresh_root.sh.
# unmount_below DIR: lazily unmount everything mounted at or below DIR, deepest first. A run that was
# killed (a machine restart, kill -9) never reaches its cleanup, and leaves /dev, /proc and /sys mounted
# in its root; `rm -rf --one-file-system` then skips them and the next mmdebstrap refuses the folder.
unmount_below() {
  local dir mp
  dir=$(realpath -m "$1")
  awk '{print $5}' /proc/self/mountinfo | { grep -E "^${dir}(/|$)" || true; } | sort -r -u |
    while IFS= read -r mp; do umount -l "$(printf '%b' "$mp")" 2>/dev/null || true; done
}

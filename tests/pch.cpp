// The precompiled header's own translation unit.

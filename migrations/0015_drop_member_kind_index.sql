-- `activities_member_kind` served the per-member GROUP BYs that `member_bounds` (0011) and the kept
-- figures (0014) replaced; what still reads one member's rows (their activities, first post of a day,
-- retention's kept rows, a department move) walks `activities_member` (member_id, occurred_at). One
-- index fewer to write for every activity stored.
DROP INDEX activities_member_kind;

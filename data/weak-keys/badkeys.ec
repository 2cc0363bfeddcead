# badkeys format: the first 30 hex digits of the SHA-256 of the EC point's
# x coordinate (big-endian, no leading zeros), then the list number (01: Debian)
e5a24be7e5cf243b37a7a2f93f39b301

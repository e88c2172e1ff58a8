// Placeholder replaced by the handler implementation (issue 3).
process.stderr.write('cdktf-harness-fme handler: not implemented yet\n');
process.exit(1);

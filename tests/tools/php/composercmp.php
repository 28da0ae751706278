<?php
// Reference for Vigil's Composer differential tests: one process, many lines on stdin.
// Usage: php composercmp.php MODE < input
//   compare     "a<TAB>b"           -> "<", "=", ">": version_compare(normalize(a), normalize(b)), or "!reason"
//   phpcompare  "a<TAB>b"           -> "<", "=", ">": version_compare(a, b) after one leading v/V is removed
//   satisfies   "v<TAB>constraint"  -> "true" / "false": Composer\Semver\Semver::satisfies, or "!reason"
//   probe       prints "ok" when composer/semver loads (Debian: php-composer-semver)
$autoload = stream_resolve_include_path('Composer/Semver/autoload.php');
if ($autoload === false) {
    fwrite(STDERR, "composer/semver not found on the include path (Debian package php-composer-semver)\n");
    exit(2);
}
require $autoload;

use Composer\Semver\Semver;
use Composer\Semver\VersionParser;

$mode = $argv[1] ?? '';
if ($mode === 'probe') {
    echo "ok\n";
    exit(0);
}
if (!in_array($mode, ['compare', 'phpcompare', 'satisfies'], true)) {
    fwrite(STDERR, "unknown mode '$mode'\n");
    exit(2);
}

$parser = new VersionParser();
$sign = fn (int $c) => $c < 0 ? '<' : ($c > 0 ? '>' : '=');
$out = [];
while (($line = fgets(STDIN)) !== false) {
    [$a, $b] = explode("\t", rtrim($line, "\n"), 2) + [1 => ''];
    try {
        if ($mode === 'compare') {
            $out[] = $sign(version_compare($parser->normalize($a), $parser->normalize($b)));
        } elseif ($mode === 'phpcompare') {
            $out[] = $sign(version_compare(preg_replace('/^[vV]/', '', $a), preg_replace('/^[vV]/', '', $b)));
        } else {
            $out[] = Semver::satisfies($a, $b) ? 'true' : 'false';
        }
    } catch (Throwable $e) {
        $out[] = '!' . str_replace(["\r", "\n"], ' ', $e->getMessage());
    }
}
echo implode("\n", $out), "\n";

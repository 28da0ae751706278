"""Reference comparator for Vigil's differential tests: one process, many pairs.

Usage: python3 vercmp.py SCHEME < pairs.tsv
Each input line is "a<TAB>b"; each output line is "<", "=", ">" or "!reason" when the reference refuses the input.
SCHEME: deb (python3-apt), rpm (python3-rpm), pep440 (pip's vendored packaging), or "probe-SCHEME" to check availability.
"""
import sys


def load(scheme):
    if scheme == "deb":
        import apt_pkg
        apt_pkg.init_system()
        return apt_pkg.version_compare
    if scheme == "rpm":
        import rpm

        # rpm's own parser splits [epoch:]version[-release]; labelCompare orders the parts.
        def cmp(a, b):
            va, vb = rpm.ver(a), rpm.ver(b)
            return rpm.labelCompare((va.e, va.v, va.r), (vb.e, vb.v, vb.r))

        return cmp
    if scheme == "pep440":
        try:
            from pip._vendor.packaging.version import Version
        except ImportError:
            from packaging.version import Version

        def cmp(a, b):
            va, vb = Version(a), Version(b)
            return (va > vb) - (va < vb)

        return cmp
    raise SystemExit("unknown scheme " + scheme)


def main():
    scheme = sys.argv[1]
    if scheme.startswith("probe-"):
        load(scheme[len("probe-"):])
        print("ok")
        return
    cmp = load(scheme)
    out = []
    for line in sys.stdin:
        a, _, b = line.rstrip("\n").partition("\t")
        try:
            c = cmp(a, b)
            out.append("<" if c < 0 else ">" if c > 0 else "=")
        except Exception as e:  # the reference refusing an input is data, not a crash
            out.append("!" + type(e).__name__ + ": " + str(e).replace("\n", " "))
    sys.stdout.write("\n".join(out) + "\n")


main()

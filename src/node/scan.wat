;; The byte scan under `oidtrace lint` for big UTF-8 driver logs, in WebAssembly
;; SIMD: 16 bytes a step, it counts line feeds and finds the lines that may hold
;; an OID event or a suppression comment, i.e. that contain `OID_`, `000102` (an
;; OID code, `0x00010255` or bare), `oidt` (`# oidtrace-disable...`), or what an
;; extension's NDIS_STATUS_SWITCH_PORT_REMOVE_VF indication is written with
;; (`_REM` of the name, `C024`/`c024` of 0xC0241001), or what the engine's report
;; of unread lines looks for (src/engine/reading.ts): `vf` in any case, `hv_`.
;; Only those lines are decoded and handed to the engine; everything else is only
;; counted.
;; Built to a .wasm by scripts/build.mjs (wabt); src/node/fast-scan.ts drives it.
;;
;; scan(start, end, out) looks at memory[start, end). The caller guarantees that
;; the region is whole lines (end is just past a line feed, or the end of the
;; file) and that the 16 bytes after `end` are readable. For each line with a
;; hit it writes two i32 at `out`: the line's start offset and the number of line
;; feeds before it in the region; it returns how many lines it wrote. Counts go
;; to memory[0..12): line feeds, carriage returns, CR LF pairs.
(module
  (memory (export "memory") 1)

  (func (export "scan") (param $start i32) (param $end i32) (param $out i32) (result i32)
    (local $i i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128) (local $v5 v128)
    (local $hit v128) (local $cr v128)
    (local $nlm i32) (local $hm i32) (local $m i32) (local $b i32) (local $keep i32)
    (local $lines i32) (local $lastNl i32) (local $lastEmit i32) (local $n i32)
    (local $crs i32) (local $crlfs i32)
    ;; The bytes compared against, splatted once.
    (local $cO v128) (local $cI v128) (local $cD v128) (local $cU v128) (local $co v128) (local $ci v128) (local $cd v128) (local $ct v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $cCR v128) (local $cR v128) (local $cE v128) (local $cM v128) (local $cC v128) (local $cc v128) (local $c4 v128) (local $cLF v128) (local $c20 v128) (local $cv v128) (local $cf v128) (local $ch v128)
    (local.set $cO (i8x16.splat (i32.const 0x4f)))
    (local.set $cI (i8x16.splat (i32.const 0x49)))
    (local.set $cD (i8x16.splat (i32.const 0x44)))
    (local.set $cU (i8x16.splat (i32.const 0x5f)))
    (local.set $co (i8x16.splat (i32.const 0x6f)))
    (local.set $ci (i8x16.splat (i32.const 0x69)))
    (local.set $cd (i8x16.splat (i32.const 0x64)))
    (local.set $ct (i8x16.splat (i32.const 0x74)))
    (local.set $c0 (i8x16.splat (i32.const 0x30)))
    (local.set $c1 (i8x16.splat (i32.const 0x31)))
    (local.set $c2 (i8x16.splat (i32.const 0x32)))
    (local.set $cCR (i8x16.splat (i32.const 0x0d)))
    (local.set $cR (i8x16.splat (i32.const 0x52)))
    (local.set $cE (i8x16.splat (i32.const 0x45)))
    (local.set $cM (i8x16.splat (i32.const 0x4d)))
    (local.set $cC (i8x16.splat (i32.const 0x43)))
    (local.set $cc (i8x16.splat (i32.const 0x63)))
    (local.set $c4 (i8x16.splat (i32.const 0x34)))
    (local.set $cLF (i8x16.splat (i32.const 0x0a)))
    (local.set $c20 (i8x16.splat (i32.const 0x20)))
    (local.set $cv (i8x16.splat (i32.const 0x76)))
    (local.set $cf (i8x16.splat (i32.const 0x66)))
    (local.set $ch (i8x16.splat (i32.const 0x68)))
    (local.set $i (local.get $start))
    (local.set $lastNl (i32.sub (local.get $start) (i32.const 1)))
    (local.set $lastEmit (i32.const -1))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v0 (v128.load (local.get $i)))
        (local.set $v1 (v128.load offset=1 (local.get $i)))
        (local.set $v2 (v128.load offset=2 (local.get $i)))
        (local.set $v3 (v128.load offset=3 (local.get $i)))
        ;; `OID_` | `oidt`
        (local.set $hit
          (v128.or
            (v128.and
              (v128.and (i8x16.eq (local.get $v0) (local.get $cO)) (i8x16.eq (local.get $v1) (local.get $cI)))
              (v128.and (i8x16.eq (local.get $v2) (local.get $cD)) (i8x16.eq (local.get $v3) (local.get $cU))))
            (v128.and
              (v128.and (i8x16.eq (local.get $v0) (local.get $co)) (i8x16.eq (local.get $v1) (local.get $ci)))
              (v128.and (i8x16.eq (local.get $v2) (local.get $cd)) (i8x16.eq (local.get $v3) (local.get $ct))))))
        ;; | `_REM` | `C024` | `c024`
        (local.set $hit
          (v128.or (local.get $hit)
            (v128.or
              (v128.and
                (v128.and (i8x16.eq (local.get $v0) (local.get $cU)) (i8x16.eq (local.get $v1) (local.get $cR)))
                (v128.and (i8x16.eq (local.get $v2) (local.get $cE)) (i8x16.eq (local.get $v3) (local.get $cM))))
              (v128.and
                (v128.and
                  (v128.or (i8x16.eq (local.get $v0) (local.get $cC)) (i8x16.eq (local.get $v0) (local.get $cc)))
                  (i8x16.eq (local.get $v1) (local.get $c0)))
                (v128.and (i8x16.eq (local.get $v2) (local.get $c2)) (i8x16.eq (local.get $v3) (local.get $c4)))))))
        ;; | `vf` in any case (a byte | 0x20 is `v` only for `V` and `v`, `f` only for `F` and `f`) | `hv_`
        (local.set $hit
          (v128.or (local.get $hit)
            (v128.or
              (v128.and
                (i8x16.eq (v128.or (local.get $v0) (local.get $c20)) (local.get $cv))
                (i8x16.eq (v128.or (local.get $v1) (local.get $c20)) (local.get $cf)))
              (v128.and
                (v128.and (i8x16.eq (local.get $v0) (local.get $ch)) (i8x16.eq (local.get $v1) (local.get $cv)))
                (i8x16.eq (local.get $v2) (local.get $cU))))))
        ;; | `000102`
        (local.set $v4 (v128.load offset=4 (local.get $i)))
        (local.set $v5 (v128.load offset=5 (local.get $i)))
        (local.set $hit
          (v128.or (local.get $hit)
            (v128.and
              (v128.and
                (v128.and (i8x16.eq (local.get $v0) (local.get $c0)) (i8x16.eq (local.get $v1) (local.get $c0)))
                (v128.and (i8x16.eq (local.get $v2) (local.get $c0)) (i8x16.eq (local.get $v3) (local.get $c1))))
              (v128.and (i8x16.eq (local.get $v4) (local.get $c0)) (i8x16.eq (local.get $v5) (local.get $c2))))))
        (local.set $cr (i8x16.eq (local.get $v0) (local.get $cCR)))
        (local.set $nlm (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $cLF))))
        (local.set $hm (i8x16.bitmask (local.get $hit)))
        ;; The last step may look past `end`: only positions before it count.
        (local.set $keep
          (if (result i32) (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
            (then (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $i))) (i32.const 1)))
            (else (i32.const 0xffff))))
        (local.set $nlm (i32.and (local.get $nlm) (local.get $keep)))
        (local.set $hm (i32.and (local.get $hm) (local.get $keep)))
        (local.set $m (i32.and (i8x16.bitmask (local.get $cr)) (local.get $keep)))
        (if (local.get $m)
          (then
            (local.set $crs (i32.add (local.get $crs) (i32.popcnt (local.get $m))))
            (local.set $crlfs (i32.add (local.get $crlfs)
              (i32.popcnt (i32.and (local.get $keep)
                (i8x16.bitmask (v128.and (local.get $cr) (i8x16.eq (local.get $v1) (local.get $cLF))))))))))
        (if (i32.eqz (local.get $hm))
          (then
            (if (local.get $nlm)
              (then
                (local.set $lines (i32.add (local.get $lines) (i32.popcnt (local.get $nlm))))
                (local.set $lastNl (i32.add (local.get $i) (i32.sub (i32.const 31) (i32.clz (local.get $nlm))))))))
          (else
            ;; A hit: walk this step's line feeds and hits in position order.
            (local.set $m (i32.or (local.get $nlm) (local.get $hm)))
            (block $bits
              (loop $bit
                (br_if $bits (i32.eqz (local.get $m)))
                (local.set $b (i32.ctz (local.get $m)))
                (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
                (if (i32.and (i32.shr_u (local.get $nlm) (local.get $b)) (i32.const 1))
                  (then
                    (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
                    (local.set $lastNl (i32.add (local.get $i) (local.get $b)))))
                (if (i32.and
                      (i32.and (i32.shr_u (local.get $hm) (local.get $b)) (i32.const 1))
                      (i32.ne (local.get $lines) (local.get $lastEmit)))
                  (then
                    (i32.store (local.get $out) (i32.add (local.get $lastNl) (i32.const 1)))
                    (i32.store offset=4 (local.get $out) (local.get $lines))
                    (local.set $out (i32.add (local.get $out) (i32.const 8)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))
                    (local.set $lastEmit (local.get $lines))))
                (br $bit)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (i32.store (i32.const 0) (local.get $lines))
    (i32.store (i32.const 4) (local.get $crs))
    (i32.store (i32.const 8) (local.get $crlfs))
    (local.get $n))
)

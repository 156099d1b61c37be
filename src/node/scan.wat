;; The byte scan under `oidtrace lint` for big UTF-8 driver logs, in WebAssembly
;; SIMD: 16 bytes a step, it counts line feeds and finds the lines that may hold
;; an OID event, a REMOVE_VF indication or a suppression comment: the lines that
;; contain one of SCAN_NEEDLES (src/engine/dialects/line-needles.ts). Only those
;; lines are decoded and handed to the engine; everything else is only counted.
;;
;; This file is a template: scripts/build.mjs fills in the `;; {{...}}` lines
;; with the compare of each needle (scripts/scan-wat.mjs), assembles it with
;; wabt and embeds the result in src/node/scan-wasm.generated.ts;
;; src/node/fast-scan.ts drives it.
;;
;; scan(start, end, out, starts) looks at memory[start, end). With `starts` set (a
;; canonical .oidtrace trace, whose every line but a comment or a blank one is an
;; event or a syntax error) a line whose first byte is neither `#` nor a line
;; break is a hit too, needles or not. The caller guarantees that
;; the region is whole lines (end is just past a line feed, or the end of the
;; file) and that the 32 bytes after `end` are readable (zeros after the last
;; line of a file). For each line with a
;; hit it writes two i32 at `out`: the line's start offset and the number of line
;; feeds before it in the region; it returns how many lines it wrote. Counts go
;; to memory[0..12): line feeds, carriage returns, CR LF pairs.
(module
  (memory (export "memory") 1)

  ;; The bytes compared against, splatted, as mutable globals that the scan reads
  ;; into locals once a call. Splats of constants would be folded into the loop by
  ;; the compiler (V8's TurboFan), which then rebuilds each one at every use there:
  ;; a move and a broadcast per compare, on the port the broadcasts share, which
  ;; cost more than the compares themselves. A global's value is only known at run
  ;; time, so it is loaded before the loop and stays in a register or a stack slot.
  (global $CR (mut v128) (v128.const i32x4 0x0d0d0d0d 0x0d0d0d0d 0x0d0d0d0d 0x0d0d0d0d))
  (global $LF (mut v128) (v128.const i32x4 0x0a0a0a0a 0x0a0a0a0a 0x0a0a0a0a 0x0a0a0a0a))
  (global $HASH (mut v128) (v128.const i32x4 0x23232323 0x23232323 0x23232323 0x23232323))
  ;; {{globals}}: one a needle byte, as above

  (func (export "scan") (param $start i32) (param $end i32) (param $out i32) (param $starts i32) (result i32)
    (local $i i32)
    ;; {{locals}}: $v0, $v1, ... (the step's bytes from offset 0, 1, ...), $f0, ... (folded), $maybe, the splatted bytes
    (local $hit v128) (local $cr v128)
    (local $nlm i32) (local $hm i32) (local $m i32) (local $b i32) (local $keep i32)
    (local $lines i32) (local $lastNl i32) (local $lastEmit i32) (local $n i32)
    (local $crs i32) (local $crlfs i32) (local $first i32)
    ;; The bytes compared against, read once (see the globals above).
    (local $cCR v128) (local $cLF v128) (local $cHash v128)
    (local.set $cCR (global.get $CR))
    (local.set $cLF (global.get $LF))
    (local.set $cHash (global.get $HASH))
    ;; {{constants}}
    (local.set $i (local.get $start))
    (local.set $lastNl (i32.sub (local.get $start) (i32.const 1)))
    (local.set $lastEmit (i32.const -1))
    ;; The region's first line starts at `start`, after no line feed of the region.
    (if (i32.and (local.get $starts) (i32.lt_u (local.get $start) (local.get $end)))
      (then
        (local.set $first (i32.load8_u (local.get $start)))
        (if (i32.and (i32.ne (local.get $first) (i32.const 0x23))
              (i32.and (i32.ne (local.get $first) (i32.const 0x0a)) (i32.ne (local.get $first) (i32.const 0x0d))))
          (then
            (i32.store (local.get $out) (local.get $start))
            (i32.store offset=4 (local.get $out) (i32.const 0))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (local.set $n (i32.const 1))
            (local.set $lastEmit (i32.const 0))))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; {{compare}}: loads $v0, $v1, ... and sets $hm, a bit per lane where a needle starts (a
        ;; cheap prefilter, then the exact compare only in a step where the prefilter found one)
        (local.set $cr (i8x16.eq (local.get $v0) (local.get $cCR)))
        (local.set $nlm (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $cLF))))
        ;; The last step may look past `end`: only positions before it count.
        (local.set $keep
          (if (result i32) (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end))
            (then (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $i))) (i32.const 1)))
            (else (i32.const 0xffff))))
        (local.set $nlm (i32.and (local.get $nlm) (local.get $keep)))
        (local.set $hm (i32.and (local.get $hm) (local.get $keep)))
        ;; A line start: a hit at the line feed before it (emitted as the line after
        ;; it), when the line is in the region (so its line feed is not `end`'s last byte).
        (if (local.get $starts)
          (then
            (local.set $hm (i32.or (local.get $hm)
              (i32.and
                (i8x16.bitmask (v128.andnot (i8x16.eq (local.get $v0) (local.get $cLF))
                  (v128.or (i8x16.eq (local.get $v1) (local.get $cHash))
                    (v128.or (i8x16.eq (local.get $v1) (local.get $cLF)) (i8x16.eq (local.get $v1) (local.get $cCR))))))
                (if (result i32) (i32.gt_u (i32.add (local.get $i) (i32.const 17)) (local.get $end))
                  (then (i32.sub (i32.shl (i32.const 1) (i32.sub (i32.sub (local.get $end) (local.get $i)) (i32.const 1))) (i32.const 1)))
                  (else (i32.const 0xffff))))))))
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

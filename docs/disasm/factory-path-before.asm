; The factory path before issue 19 (commit bed0e35): Rent(4096) and Dispose through IMemoryPoolFactory<byte>.Create() of a host with
; AddSmallBlockPool() (first half) and AddBitmapPool() (second half), final tier after 60 rounds of 100,000 operations.
; .NET 10.0 (SDK 10.0.401), linux-x64, AMD EPYC (Zen 5). Made with:
;   DOTNET_JitDisasm='*OwnedMemoryPoolView:Rent *SmallBlockMemoryPool:RentReused *SmallBlockLease:Dispose *ThreadCacheSet:CurrentFromTable
;     *RentTally:Count *ThreadCacheSet:get_Current *SmallBlockLease:get_Memory *LeaseGuard:Guard' DOTNET_JitStdOutFile=before.asm \
;     dotnet BufferPool.Benchmarks.dll --factory-loop small-block   (and the Bitmap names with bitmap)

; Assembly listing for method BufferPool.SmallBlockMemoryPool:RentReused(int):System.Buffers.IMemoryOwner`1[byte]:this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 11 single block inlinees; 14 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     r12
       push     rbx
       push     rax
       lea      rbp, [rsp+0x30]
       mov      rbx, rdi
       mov      edi, esi
 
G_M000_IG02:                ;; offset=0x0015
       cmp      byte  ptr [rbx+0x34], 0
       jne      G_M000_IG33
       mov      r15d, dword ptr [rbx+0x6C]
       test     edi, edi
       jle      G_M000_IG10
 
G_M000_IG03:                ;; offset=0x002B
       cmp      edi, dword ptr [rbx+0x68]
       jg       G_M000_IG34
       mov      rax, gword ptr [rbx+0x60]
       dec      edi
       cmp      edi, dword ptr [rax+0x14]
       jae      SHORT G_M000_IG09
 
G_M000_IG04:                ;; offset=0x003F
       xor      r15d, r15d
 
G_M000_IG05:                ;; offset=0x0042
       mov      r14, gword ptr [rbx+0x58]
       mov      r13, gword ptr [r14+0x10]
       cmp      byte  ptr [r13], r13b
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG35
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG35
 
G_M000_IG06:                ;; offset=0x007E
       mov      r12, gword ptr [rax+0x18]
       test     r12, r12
       je       SHORT G_M000_IG11
 
G_M000_IG07:                ;; offset=0x0087
       mov      rdi, qword ptr [r12+0x18]
       cmp      rdi, qword ptr [r13+0x70]
       jne      SHORT G_M000_IG11
 
G_M000_IG08:                ;; offset=0x0092
       jmp      SHORT G_M000_IG12
 
G_M000_IG09:                ;; offset=0x0094
       mov      ecx, edi
       or       ecx, 1
       lzcnt    ecx, ecx
       xor      ecx, 31
       mov      edx, ecx
       sub      edx, dword ptr [rax+0x10]
       add      ecx, -2
       shrx     edi, edi, ecx
       and      edi, 3
       lea      r15d, [rdi+4*rdx+0x01]
       jmp      SHORT G_M000_IG05
 
G_M000_IG10:                ;; offset=0x00B7
       cmp      edi, -1
       jge      SHORT G_M000_IG05
       jmp      G_M000_IG34
 
G_M000_IG11:                ;; offset=0x00C1
       mov      rdi, r13
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r12, rax
 
G_M000_IG12:                ;; offset=0x00CD
       mov      rdi, gword ptr [r12+0x08]
       cmp      r15d, dword ptr [rdi+0x08]
       jae      G_M000_IG36
       mov      esi, r15d
       imul     rsi, rsi, 152
       lea      rdi, bword ptr [rdi+rsi+0x10]
       inc      qword ptr [rdi]
       xor      r13, r13
       mov      dword ptr [r12+0x38], 1
       cmp      dword ptr [r12+0x3C], 0
       jne      SHORT G_M000_IG22
 
G_M000_IG13:                ;; offset=0x0102
       mov      esi, dword ptr [rdi+0x10]
       dec      esi
       js       SHORT G_M000_IG15
 
G_M000_IG14:                ;; offset=0x0109
       mov      dword ptr [rdi+0x10], esi
       add      rdi, 24
       cmp      esi, 16
       jae      G_M000_IG36
       mov      esi, esi
       lea      rdi, bword ptr [rdi+8*rsi]
       mov      r13, gword ptr [rdi]
       xor      rsi, rsi
       mov      gword ptr [rdi], rsi
 
G_M000_IG15:                ;; offset=0x0127
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
 
G_M000_IG16:                ;; offset=0x012E
       test     r13, r13
       jne      SHORT G_M000_IG23
 
G_M000_IG17:                ;; offset=0x0133
       mov      rdi, r14
       mov      rsi, r12
       mov      edx, r15d
       call     [BufferPool.SmallBlock.SmallBlockEngine`1[System.__Canon]:RentShared(BufferPool.Common.ThreadCache,int):System.__Canon:this]
       mov      r14, rax
 
G_M000_IG18:                ;; offset=0x0145
       test     r14, r14
       je       G_M000_IG31
 
G_M000_IG19:                ;; offset=0x014E
       cmp      gword ptr [rbx+0x28], 0
       je       SHORT G_M000_IG24
 
G_M000_IG20:                ;; offset=0x0155
       mov      dword ptr [r14+0x30], 2
       mov      rdi, gword ptr [rbx+0x28]
       mov      rsi, r14
       cmp      dword ptr [rdi], edi
 
G_M000_IG21:                ;; offset=0x0166
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Diagnostics.DiagnosticTracker:Track(System.Buffers.IMemoryOwner`1[byte]):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG22:                ;; offset=0x017A
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
       jmp      SHORT G_M000_IG16
 
G_M000_IG23:                ;; offset=0x0183
       mov      r14, r13
       jmp      SHORT G_M000_IG18
 
G_M000_IG24:                ;; offset=0x0188
       add      rbx, 72
       mov      esi, dword ptr [rbx+0x08]
       test     esi, esi
       je       SHORT G_M000_IG27
 
G_M000_IG25:                ;; offset=0x0193
       lea      rdi, bword ptr [r12+0x40]
       mov      eax, dword ptr [rdi]
       dec      eax
       mov      dword ptr [rdi], eax
       test     eax, eax
       jg       SHORT G_M000_IG27
 
G_M000_IG26:                ;; offset=0x01A2
       call     [BufferPool.Common.RentSampler:Next(int):bool:this]
       test     eax, eax
       jne      SHORT G_M000_IG29
 
G_M000_IG27:                ;; offset=0x01AC
       mov      dword ptr [r14+0x30], 2
       mov      rax, r14
 
G_M000_IG28:                ;; offset=0x01B7
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG29:                ;; offset=0x01C6
       mov      dword ptr [r14+0x30], 2
       mov      rdi, rbx
       mov      rsi, r14
 
G_M000_IG30:                ;; offset=0x01D4
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Leases.LeaseIssuer:Track(System.Buffers.IMemoryOwner`1[byte]):BufferPool.Leases.SampledLease:this]
 
G_M000_IG31:                ;; offset=0x01E8
       mov      rsi, gword ptr [rbx+0x60]
       mov      rsi, gword ptr [rsi+0x08]
       cmp      r15d, dword ptr [rsi+0x08]
       jae      SHORT G_M000_IG36
       mov      edi, r15d
       mov      esi, dword ptr [rsi+4*rdi+0x10]
       mov      rdi, rbx
 
G_M000_IG32:                ;; offset=0x0200
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.BufferMemoryPool:RentFallback(int):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG33:                ;; offset=0x0214
       mov      rdi, rbx
       call     [BufferPool.ThrowHelper:ThrowObjectDisposed(System.Object)]
       int3     
 
G_M000_IG34:                ;; offset=0x021E
       mov      esi, dword ptr [rbx+0x68]
       call     [BufferPool.ThrowHelper:ThrowRentSizeOutOfRange(int,int)]
       int3     
 
G_M000_IG35:                ;; offset=0x0228
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG06
 
G_M000_IG36:                ;; offset=0x0238
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 574

; Assembly listing for method BufferPool.SmallBlock.SmallBlockLease:Dispose():this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 5 single block inlinees; 6 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     r12
       push     rbx
       push     rax
       lea      rbp, [rsp+0x30]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x0013
       lea      rdi, bword ptr [rbx+0x30]
       cmp      dword ptr [rdi], 2
       jne      SHORT G_M000_IG08
 
G_M000_IG03:                ;; offset=0x001C
       xor      eax, eax
       mov      dword ptr [rdi], eax
 
G_M000_IG04:                ;; offset=0x0020
       mov      r15, gword ptr [rbx+0x18]
       mov      r14, gword ptr [r15+0x10]
       cmp      byte  ptr [r14], r14b
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG22
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG22
 
G_M000_IG05:                ;; offset=0x005B
       mov      r13, gword ptr [rax+0x18]
       test     r13, r13
       je       SHORT G_M000_IG09
 
G_M000_IG06:                ;; offset=0x0064
       mov      rdi, qword ptr [r13+0x18]
       cmp      rdi, qword ptr [r14+0x70]
       jne      SHORT G_M000_IG09
 
G_M000_IG07:                ;; offset=0x006E
       jmp      SHORT G_M000_IG10
 
G_M000_IG08:                ;; offset=0x0070
       xor      ecx, ecx
       mov      eax, 1
       lock     
       cmpxchg  dword ptr [rdi], ecx
       cmp      eax, 1
       je       SHORT G_M000_IG04
       jmp      G_M000_IG21
 
G_M000_IG09:                ;; offset=0x0085
       mov      rdi, r14
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r13, rax
 
G_M000_IG10:                ;; offset=0x0091
       mov      rdi, gword ptr [r13+0x08]
       mov      esi, dword ptr [rbx+0x14]
       cmp      esi, dword ptr [rdi+0x08]
       jae      G_M000_IG23
       imul     rsi, rsi, 152
       lea      r14, bword ptr [rdi+rsi+0x10]
       lea      rdi, bword ptr [r14+0x08]
       inc      qword ptr [rdi]
       mov      dword ptr [r13+0x38], 1
       cmp      dword ptr [r13+0x3C], 0
       jne      SHORT G_M000_IG18
 
G_M000_IG11:                ;; offset=0x00C3
       mov      r12d, dword ptr [r14+0x10]
       cmp      r12d, dword ptr [r14+0x14]
       setl     al
       movzx    rax, al
       mov      dword ptr [rbp-0x2C], eax
       test     eax, eax
       je       SHORT G_M000_IG13
 
G_M000_IG12:                ;; offset=0x00D8
       lea      rdi, bword ptr [r14+0x18]
       cmp      r12d, 16
       jae      SHORT G_M000_IG23
       mov      esi, r12d
       lea      rdi, bword ptr [rdi+8*rsi]
       mov      rsi, rbx
       call     CORINFO_HELP_CHECKED_ASSIGN_REF
       inc      r12d
       mov      dword ptr [r14+0x10], r12d
 
G_M000_IG13:                ;; offset=0x00F8
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
       mov      eax, dword ptr [rbp-0x2C]
       test     eax, eax
       jne      SHORT G_M000_IG16
 
G_M000_IG14:                ;; offset=0x0105
       cmp      dword ptr [r14+0x14], 0
       je       SHORT G_M000_IG16
 
G_M000_IG15:                ;; offset=0x010C
       inc      qword ptr [r13+0x20]
 
G_M000_IG16:                ;; offset=0x0110
       test     eax, eax
       je       SHORT G_M000_IG19
 
G_M000_IG17:                ;; offset=0x0114
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG18:                ;; offset=0x0123
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
 
G_M000_IG19:                ;; offset=0x0129
       mov      rdi, r15
       mov      rsi, r13
       mov      rdx, rbx
 
G_M000_IG20:                ;; offset=0x0132
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.SmallBlock.SmallBlockEngine`1[System.__Canon]:ReturnShared(BufferPool.Common.ThreadCache,System.__Canon):this]
 
G_M000_IG21:                ;; offset=0x0146
       call     [BufferPool.ThrowHelper:ThrowLeaseDisposedTwice()]
       int3     
 
G_M000_IG22:                ;; offset=0x014D
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG05
 
G_M000_IG23:                ;; offset=0x015D
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 355

; Assembly listing for method BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rbp based frame
; partially interruptible
; with Dynamic PGO: fgCalledCount is 197696

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     rbx
       push     rax
       lea      rbp, [rsp+0x20]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000F
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG05
       mov      rdi, gword ptr [rax+0x08]
       mov      r15, bword ptr [rdi+0x30]
       test     r15, r15
       je       SHORT G_M000_IG05
 
G_M000_IG03:                ;; offset=0x0037
       mov      rdi, gword ptr [r15+0x10]
       test     rdi, rdi
       je       SHORT G_M000_IG06
       mov      esi, dword ptr [rbx+0x80]
       mov      eax, dword ptr [rdi+0x08]
       cmp      esi, eax
       jae      SHORT G_M000_IG06
       mov      r14, gword ptr [rdi+8*rsi+0x10]
       test     r14, r14
       je       SHORT G_M000_IG06
       mov      rdi, qword ptr [r14+0x18]
       cmp      rdi, qword ptr [rbx+0x70]
       jne      SHORT G_M000_IG06
       lea      rdi, bword ptr [r15+0x18]
       mov      rsi, r14
       call     CORINFO_HELP_ASSIGN_REF
       mov      rax, r14
 
G_M000_IG04:                ;; offset=0x0070
       add      rsp, 8
       pop      rbx
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG05:                ;; offset=0x007B
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       mov      r15, rax
       jmp      SHORT G_M000_IG03
 
G_M000_IG06:                ;; offset=0x008A
       mov      rdi, rbx
       call     [BufferPool.Common.ThreadCacheSet:CurrentSlow():BufferPool.Common.ThreadCache:this]
       mov      rbx, rax
       cmp      qword ptr [rbx+0x18], 0
       je       SHORT G_M000_IG07
       lea      rdi, bword ptr [r15+0x18]
       mov      rsi, rbx
       call     CORINFO_HELP_ASSIGN_REF
 
G_M000_IG07:                ;; offset=0x00A9
       mov      rax, rbx
 
G_M000_IG08:                ;; offset=0x00AC
       add      rsp, 8
       pop      rbx
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
; Total bytes of code 183

; Assembly listing for method BufferPool.SmallBlock.SmallBlockLease:get_Memory():System.Memory`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rsp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 1 inlinees with PGO data; 0 single block inlinees; 0 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rax
 
G_M000_IG02:                ;; offset=0x0001
       lea      rax, bword ptr [rdi+0x30]
       mov      rcx, gword ptr [rdi+0x20]
       mov      edx, dword ptr [rdi+0x28]
       mov      edi, dword ptr [rdi+0x2C]
       cmp      dword ptr [rax], 0
       je       SHORT G_M000_IG04
       mov      eax, edi
       shl      rax, 32
       or       rdx, rax
       mov      rax, rcx
 
G_M000_IG03:                ;; offset=0x0020
       add      rsp, 8
       ret      
 
G_M000_IG04:                ;; offset=0x0025
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
; Total bytes of code 44

; Assembly listing for method BufferPool.LeaseGuard:Guard(System.Memory`1[byte]):System.Memory`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rsp based frame
; partially interruptible
; with Dynamic PGO: fgCalledCount is 101184

G_M000_IG01:                ;; offset=0x0000
       sub      rsp, 24
       mov      gword ptr [rsp+0x08], rsi
       mov      qword ptr [rsp+0x10], rdx
 
G_M000_IG02:                ;; offset=0x000E
       cmp      dword ptr [rdi], 0
       je       SHORT G_M000_IG04
       mov      rax, gword ptr [rsp+0x08]
       mov      rdx, qword ptr [rsp+0x10]
 
G_M000_IG03:                ;; offset=0x001D
       add      rsp, 24
       ret      
 
G_M000_IG04:                ;; offset=0x0022
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
; Total bytes of code 41

; Assembly listing for method BufferPool.Hosting.OwnedMemoryPoolView:Rent(int):System.Buffers.IMemoryOwner`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 999
; 4 inlinees with PGO data; 17 single block inlinees; 13 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     r12
       push     rbx
       sub      rsp, 24
       lea      rbp, [rsp+0x40]
       xor      eax, eax
       mov      qword ptr [rbp-0x38], rax
       mov      qword ptr [rbp-0x30], rax
       mov      rbx, rdi
       mov      eax, esi
 
G_M000_IG02:                ;; offset=0x0022
       cmp      byte  ptr [rbx+0x28], 0
       jne      G_M000_IG36
       mov      r15, gword ptr [rbx+0x08]
       mov      rdi, 0x7F860BD1AE40
       cmp      qword ptr [r15], rdi
       jne      G_M000_IG41
       cmp      byte  ptr [r15+0x34], 0
       jne      G_M000_IG37
       mov      r14d, dword ptr [r15+0x6C]
       test     eax, eax
       jle      G_M000_IG26
 
G_M000_IG03:                ;; offset=0x005A
       cmp      eax, dword ptr [r15+0x68]
       jg       G_M000_IG38
       mov      rdi, gword ptr [r15+0x60]
       dec      eax
       cmp      eax, dword ptr [rdi+0x14]
       jae      G_M000_IG25
 
G_M000_IG04:                ;; offset=0x0073
       xor      r14d, r14d
 
G_M000_IG05:                ;; offset=0x0076
       mov      r13, gword ptr [r15+0x58]
       mov      r12, gword ptr [r13+0x10]
       cmp      byte  ptr [r12], r12b
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG39
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG39
 
G_M000_IG06:                ;; offset=0x00B2
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG07
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [r12+0x70]
       je       G_M000_IG40
 
G_M000_IG07:                ;; offset=0x00CA
       mov      rdi, r12
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r12, rax
 
G_M000_IG08:                ;; offset=0x00D6
       mov      rdi, gword ptr [r12+0x08]
       cmp      r14d, dword ptr [rdi+0x08]
       jae      G_M000_IG47
       mov      esi, r14d
       imul     rsi, rsi, 152
       lea      rdi, bword ptr [rdi+rsi+0x10]
       inc      qword ptr [rdi]
       xor      rax, rax
       mov      dword ptr [r12+0x38], 1
       cmp      dword ptr [r12+0x3C], 0
       jne      G_M000_IG27
 
G_M000_IG09:                ;; offset=0x010E
       mov      esi, dword ptr [rdi+0x10]
       dec      esi
       js       SHORT G_M000_IG11
 
G_M000_IG10:                ;; offset=0x0115
       mov      dword ptr [rdi+0x10], esi
       add      rdi, 24
       cmp      esi, 16
       jae      G_M000_IG47
       mov      eax, esi
       lea      rdi, bword ptr [rdi+8*rax]
       mov      rax, gword ptr [rdi]
       xor      rsi, rsi
       mov      gword ptr [rdi], rsi
 
G_M000_IG11:                ;; offset=0x0133
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
 
G_M000_IG12:                ;; offset=0x013A
       test     rax, rax
       jne      G_M000_IG28
 
G_M000_IG13:                ;; offset=0x0143
       mov      rdi, r13
       mov      rsi, r12
       mov      edx, r14d
       call     [BufferPool.SmallBlock.SmallBlockEngine`1[System.__Canon]:RentShared(BufferPool.Common.ThreadCache,int):System.__Canon:this]
       mov      r13, rax
 
G_M000_IG14:                ;; offset=0x0155
       test     r13, r13
       je       G_M000_IG35
 
G_M000_IG15:                ;; offset=0x015E
       cmp      gword ptr [r15+0x28], 0
       je       G_M000_IG29
 
G_M000_IG16:                ;; offset=0x0169
       mov      dword ptr [r13+0x30], 2
       mov      rdi, gword ptr [r15+0x28]
       mov      rsi, r13
       cmp      dword ptr [rdi], edi
       call     [BufferPool.Diagnostics.DiagnosticTracker:Track(System.Buffers.IMemoryOwner`1[byte]):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG17:                ;; offset=0x0180
       mov      r15, rax
 
G_M000_IG18:                ;; offset=0x0183
       mov      rax, 0x7F860BD1EAF0
       cmp      qword ptr [r15], rax
       jne      G_M000_IG43
       lea      rax, bword ptr [r15+0x30]
       mov      r14d, dword ptr [r15+0x2C]
       cmp      dword ptr [rax], 0
       je       G_M000_IG42
 
G_M000_IG19:                ;; offset=0x01A7
       mov      rdi, gword ptr [rbx+0x10]
       mov      r13, gword ptr [rdi+0x08]
       cmp      byte  ptr [r13], r13b
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG44
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG44
 
G_M000_IG20:                ;; offset=0x01E3
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG21
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [r13+0x70]
       je       G_M000_IG45
 
G_M000_IG21:                ;; offset=0x01FA
       mov      rdi, r13
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG22:                ;; offset=0x0203
       mov      rdi, gword ptr [rax+0x08]
       cmp      dword ptr [rdi+0x08], 0
       jbe      G_M000_IG47
       add      rdi, 16
       inc      qword ptr [rdi]
       movsxd   rdi, r14d
       add      qword ptr [rax+0x28], rdi
       cmp      r14d, 0x1000
       jg       G_M000_IG46
 
G_M000_IG23:                ;; offset=0x022C
       mov      rax, r15
 
G_M000_IG24:                ;; offset=0x022F
       add      rsp, 24
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG25:                ;; offset=0x023E
       mov      ecx, eax
       or       ecx, 1
       lzcnt    ecx, ecx
       xor      ecx, 31
       mov      edx, ecx
       sub      edx, dword ptr [rdi+0x10]
       add      ecx, -2
       shrx     edi, eax, ecx
       and      edi, 3
       lea      r14d, [rdi+4*rdx+0x01]
       jmp      G_M000_IG05
 
G_M000_IG26:                ;; offset=0x0264
       cmp      eax, -1
       jge      G_M000_IG05
       jmp      G_M000_IG38
 
G_M000_IG27:                ;; offset=0x0272
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
       jmp      G_M000_IG12
 
G_M000_IG28:                ;; offset=0x027E
       mov      r13, rax
       jmp      G_M000_IG14
 
G_M000_IG29:                ;; offset=0x0286
       add      r15, 72
       mov      esi, dword ptr [r15+0x08]
       test     esi, esi
       je       SHORT G_M000_IG32
 
G_M000_IG30:                ;; offset=0x0292
       lea      rdi, bword ptr [r12+0x40]
       mov      eax, dword ptr [rdi]
       dec      eax
       mov      dword ptr [rdi], eax
       test     eax, eax
       jg       SHORT G_M000_IG32
 
G_M000_IG31:                ;; offset=0x02A1
       call     [BufferPool.Common.RentSampler:Next(int):bool:this]
       test     eax, eax
       jne      SHORT G_M000_IG34
 
G_M000_IG32:                ;; offset=0x02AB
       mov      dword ptr [r13+0x30], 2
       mov      rax, r13
 
G_M000_IG33:                ;; offset=0x02B6
       jmp      G_M000_IG17
 
G_M000_IG34:                ;; offset=0x02BB
       mov      dword ptr [r13+0x30], 2
       mov      rdi, r15
       mov      rsi, r13
       call     [BufferPool.Leases.LeaseIssuer:Track(System.Buffers.IMemoryOwner`1[byte]):BufferPool.Leases.SampledLease:this]
       jmp      SHORT G_M000_IG33
 
G_M000_IG35:                ;; offset=0x02D1
       mov      rsi, gword ptr [r15+0x60]
       mov      rsi, gword ptr [rsi+0x08]
       cmp      r14d, dword ptr [rsi+0x08]
       jae      G_M000_IG47
       mov      edi, r14d
       mov      esi, dword ptr [rsi+4*rdi+0x10]
       mov      rdi, r15
       call     [BufferPool.BufferMemoryPool:RentFallback(int):System.Buffers.IMemoryOwner`1[byte]:this]
       mov      r15, rax
       jmp      G_M000_IG18
 
G_M000_IG36:                ;; offset=0x02FB
       mov      rdi, rbx
       call     [System.ThrowHelper:ThrowObjectDisposedException(System.Object)]
       int3     
 
G_M000_IG37:                ;; offset=0x0305
       mov      rdi, r15
       call     [BufferPool.ThrowHelper:ThrowObjectDisposed(System.Object)]
       int3     
 
G_M000_IG38:                ;; offset=0x030F
       mov      esi, dword ptr [r15+0x68]
       mov      edi, eax
       call     [BufferPool.ThrowHelper:ThrowRentSizeOutOfRange(int,int)]
       int3     
 
G_M000_IG39:                ;; offset=0x031C
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      G_M000_IG06
 
G_M000_IG40:                ;; offset=0x032B
       mov      r12, rax
       jmp      G_M000_IG08
 
G_M000_IG41:                ;; offset=0x0333
       mov      rdi, r15
       mov      esi, eax
       mov      rax, qword ptr [r15]
       mov      rax, qword ptr [rax+0x48]
       call     [rax+0x20]BufferPool.BufferMemoryPool:RentReused(int):System.Buffers.IMemoryOwner`1[byte]:this
       mov      r15, rax
       jmp      SHORT G_M000_IG43
 
G_M000_IG42:                ;; offset=0x0347
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
G_M000_IG43:                ;; offset=0x034E
       mov      rdi, r15
       mov      r11, 0x7F8608A70440
       call     [r11]System.Buffers.IMemoryOwner`1[byte]:get_Memory():System.Memory`1[byte]:this
       mov      gword ptr [rbp-0x38], rax
       mov      qword ptr [rbp-0x30], rdx
       mov      r14d, dword ptr [rbp-0x2C]
       jmp      G_M000_IG19
 
G_M000_IG44:                ;; offset=0x036F
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      G_M000_IG20
 
G_M000_IG45:                ;; offset=0x037E
       jmp      G_M000_IG22
 
G_M000_IG46:                ;; offset=0x0383
       mov      rdi, gword ptr [rbx+0x18]
       mov      esi, r14d
       cmp      dword ptr [rdi], edi
       call     [BufferPool.Diagnostics.RentTally:Count(int):this]
       jmp      G_M000_IG23
 
G_M000_IG47:                ;; offset=0x0397
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 925

; Assembly listing for method BufferPool.Diagnostics.RentTally:Count(int):this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 1 inlinees with PGO data; 2 single block inlinees; 0 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      ebx, esi
 
G_M000_IG02:                ;; offset=0x000B
       mov      r15, gword ptr [rdi+0x08]
       cmp      byte  ptr [r15], r15b
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG07
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       SHORT G_M000_IG07
 
G_M000_IG03:                ;; offset=0x003A
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG04
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [r15+0x70]
       je       SHORT G_M000_IG08
 
G_M000_IG04:                ;; offset=0x004D
       mov      rdi, r15
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG05:                ;; offset=0x0056
       mov      rcx, gword ptr [rax+0x08]
       cmp      dword ptr [rcx+0x08], 0
       jbe      SHORT G_M000_IG09
       add      rcx, 16
       inc      qword ptr [rcx]
       movsxd   rcx, ebx
       add      qword ptr [rax+0x28], rcx
 
G_M000_IG06:                ;; offset=0x006E
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG07:                ;; offset=0x0073
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      SHORT G_M000_IG03
 
G_M000_IG08:                ;; offset=0x007F
       jmp      SHORT G_M000_IG05
 
G_M000_IG09:                ;; offset=0x0081
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 135

; Assembly listing for method BufferPool.Common.ThreadCacheSet:get_Current():BufferPool.Common.ThreadCache:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rbp based frame
; fully interruptible
; with Dynamic PGO: fgCalledCount is 999

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     rbx
       push     rax
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000B
       mov      rdi, 0x7F86880A0D68
       mov      rax, 0x7F868886B4B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG06
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       SHORT G_M000_IG06
 
G_M000_IG03:                ;; offset=0x0033
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG04
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [rbx+0x70]
       je       SHORT G_M000_IG07
 
G_M000_IG04:                ;; offset=0x0046
       mov      rdi, rbx
 
G_M000_IG05:                ;; offset=0x0049
       add      rsp, 8
       pop      rbx
       pop      rbp
       tail.jmp [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG06:                ;; offset=0x0055
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      SHORT G_M000_IG03
 
G_M000_IG07:                ;; offset=0x0061
       add      rsp, 8
       pop      rbx
       pop      rbp
       ret      
 
; Total bytes of code 104

; Assembly listing for method BufferPool.BitmapMemoryPool:RentReused(int):System.Buffers.IMemoryOwner`1[byte]:this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 9 single block inlinees; 12 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     rbx
       lea      rbp, [rsp+0x20]
       mov      rbx, rdi
       mov      edi, esi
 
G_M000_IG02:                ;; offset=0x0012
       cmp      byte  ptr [rbx+0x34], 0
       jne      G_M000_IG28
       lea      eax, [rdi+0x01]
       mov      ecx, dword ptr [rbx+0x60]
       inc      ecx
       cmp      eax, ecx
       ja       G_M000_IG29
       mov      r15, gword ptr [rbx+0x58]
       mov      r14, gword ptr [r15+0x18]
       cmp      byte  ptr [r14], r14b
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG30
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG30
 
G_M000_IG03:                ;; offset=0x0067
       mov      r13, gword ptr [rax+0x18]
       test     r13, r13
       je       SHORT G_M000_IG06
 
G_M000_IG04:                ;; offset=0x0070
       mov      rdi, qword ptr [r13+0x18]
       cmp      rdi, qword ptr [r14+0x70]
       jne      SHORT G_M000_IG06
 
G_M000_IG05:                ;; offset=0x007A
       jmp      SHORT G_M000_IG07
 
G_M000_IG06:                ;; offset=0x007C
       mov      rdi, r14
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r13, rax
 
G_M000_IG07:                ;; offset=0x0088
       mov      rdi, gword ptr [r13+0x08]
       cmp      dword ptr [rdi+0x08], 0
       jbe      G_M000_IG31
       add      rdi, 16
       inc      qword ptr [rdi]
       xor      r14, r14
       mov      dword ptr [r13+0x38], 1
       cmp      dword ptr [r13+0x3C], 0
       jne      SHORT G_M000_IG17
 
G_M000_IG08:                ;; offset=0x00AF
       mov      esi, dword ptr [rdi+0x10]
       dec      esi
       js       SHORT G_M000_IG10
 
G_M000_IG09:                ;; offset=0x00B6
       mov      dword ptr [rdi+0x10], esi
       add      rdi, 24
       cmp      esi, 16
       jae      G_M000_IG31
       mov      esi, esi
       lea      rdi, bword ptr [rdi+8*rsi]
       mov      r14, gword ptr [rdi]
       xor      rsi, rsi
       mov      gword ptr [rdi], rsi
 
G_M000_IG10:                ;; offset=0x00D4
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
 
G_M000_IG11:                ;; offset=0x00DA
       test     r14, r14
       jne      SHORT G_M000_IG18
 
G_M000_IG12:                ;; offset=0x00DF
       mov      rdi, r15
       mov      rsi, r13
       call     [BufferPool.Bitmap.BitmapEngine`1[System.__Canon]:RentShared(BufferPool.Common.ThreadCache):System.__Canon:this]
       mov      r15, rax
 
G_M000_IG13:                ;; offset=0x00EE
       test     r15, r15
       je       G_M000_IG26
 
G_M000_IG14:                ;; offset=0x00F7
       cmp      gword ptr [rbx+0x28], 0
       je       SHORT G_M000_IG19
 
G_M000_IG15:                ;; offset=0x00FE
       mov      dword ptr [r15+0x30], 2
       mov      rdi, gword ptr [rbx+0x28]
       mov      rsi, r15
       cmp      dword ptr [rdi], edi
 
G_M000_IG16:                ;; offset=0x010F
       pop      rbx
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Diagnostics.DiagnosticTracker:Track(System.Buffers.IMemoryOwner`1[byte]):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG17:                ;; offset=0x011D
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
       jmp      SHORT G_M000_IG11
 
G_M000_IG18:                ;; offset=0x0125
       mov      r15, r14
       jmp      SHORT G_M000_IG13
 
G_M000_IG19:                ;; offset=0x012A
       add      rbx, 72
       mov      esi, dword ptr [rbx+0x08]
       test     esi, esi
       je       SHORT G_M000_IG22
 
G_M000_IG20:                ;; offset=0x0135
       lea      rdi, bword ptr [r13+0x40]
       mov      eax, dword ptr [rdi]
       dec      eax
       mov      dword ptr [rdi], eax
       test     eax, eax
       jg       SHORT G_M000_IG22
 
G_M000_IG21:                ;; offset=0x0143
       call     [BufferPool.Common.RentSampler:Next(int):bool:this]
       test     eax, eax
       jne      SHORT G_M000_IG24
 
G_M000_IG22:                ;; offset=0x014D
       mov      dword ptr [r15+0x30], 2
       mov      rax, r15
 
G_M000_IG23:                ;; offset=0x0158
       pop      rbx
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG24:                ;; offset=0x0161
       mov      dword ptr [r15+0x30], 2
       mov      rdi, rbx
       mov      rsi, r15
 
G_M000_IG25:                ;; offset=0x016F
       pop      rbx
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Leases.LeaseIssuer:Track(System.Buffers.IMemoryOwner`1[byte]):BufferPool.Leases.SampledLease:this]
 
G_M000_IG26:                ;; offset=0x017D
       mov      esi, dword ptr [rbx+0x60]
       mov      rdi, rbx
 
G_M000_IG27:                ;; offset=0x0183
       pop      rbx
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.BufferMemoryPool:RentFallback(int):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG28:                ;; offset=0x0191
       mov      rdi, rbx
       call     [BufferPool.ThrowHelper:ThrowObjectDisposed(System.Object)]
       int3     
 
G_M000_IG29:                ;; offset=0x019B
       mov      esi, dword ptr [rbx+0x60]
       call     [BufferPool.ThrowHelper:ThrowRentSizeOutOfRange(int,int)]
       int3     
 
G_M000_IG30:                ;; offset=0x01A5
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG03
 
G_M000_IG31:                ;; offset=0x01B5
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 443

; Assembly listing for method BufferPool.Bitmap.BitmapLease:Dispose():this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 4 single block inlinees; 6 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     r12
       push     rbx
       push     rax
       lea      rbp, [rsp+0x30]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x0013
       lea      rdi, bword ptr [rbx+0x30]
       cmp      dword ptr [rdi], 2
       jne      SHORT G_M000_IG08
 
G_M000_IG03:                ;; offset=0x001C
       xor      eax, eax
       mov      dword ptr [rdi], eax
 
G_M000_IG04:                ;; offset=0x0020
       mov      r15, gword ptr [rbx+0x18]
       mov      r14, gword ptr [r15+0x18]
       cmp      byte  ptr [r14], r14b
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG22
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG22
 
G_M000_IG05:                ;; offset=0x005B
       mov      r13, gword ptr [rax+0x18]
       test     r13, r13
       je       SHORT G_M000_IG09
 
G_M000_IG06:                ;; offset=0x0064
       mov      rdi, qword ptr [r13+0x18]
       cmp      rdi, qword ptr [r14+0x70]
       jne      SHORT G_M000_IG09
 
G_M000_IG07:                ;; offset=0x006E
       jmp      SHORT G_M000_IG10
 
G_M000_IG08:                ;; offset=0x0070
       xor      ecx, ecx
       mov      eax, 1
       lock     
       cmpxchg  dword ptr [rdi], ecx
       cmp      eax, 1
       je       SHORT G_M000_IG04
       jmp      G_M000_IG21
 
G_M000_IG09:                ;; offset=0x0085
       mov      rdi, r14
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r13, rax
 
G_M000_IG10:                ;; offset=0x0091
       mov      r14, gword ptr [r13+0x08]
       cmp      dword ptr [r14+0x08], 0
       jbe      G_M000_IG23
       add      r14, 16
       lea      rdi, bword ptr [r14+0x08]
       inc      qword ptr [rdi]
       mov      dword ptr [r13+0x38], 1
       cmp      dword ptr [r13+0x3C], 0
       jne      SHORT G_M000_IG18
 
G_M000_IG11:                ;; offset=0x00BA
       mov      r12d, dword ptr [r14+0x10]
       cmp      r12d, dword ptr [r14+0x14]
       setl     al
       movzx    rax, al
       mov      dword ptr [rbp-0x2C], eax
       test     eax, eax
       je       SHORT G_M000_IG13
 
G_M000_IG12:                ;; offset=0x00CF
       lea      rdi, bword ptr [r14+0x18]
       cmp      r12d, 16
       jae      SHORT G_M000_IG23
       mov      esi, r12d
       lea      rdi, bword ptr [rdi+8*rsi]
       mov      rsi, rbx
       call     CORINFO_HELP_CHECKED_ASSIGN_REF
       inc      r12d
       mov      dword ptr [r14+0x10], r12d
 
G_M000_IG13:                ;; offset=0x00EF
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
       mov      eax, dword ptr [rbp-0x2C]
       test     eax, eax
       jne      SHORT G_M000_IG16
 
G_M000_IG14:                ;; offset=0x00FC
       cmp      dword ptr [r14+0x14], 0
       je       SHORT G_M000_IG16
 
G_M000_IG15:                ;; offset=0x0103
       inc      qword ptr [r13+0x20]
 
G_M000_IG16:                ;; offset=0x0107
       test     eax, eax
       je       SHORT G_M000_IG19
 
G_M000_IG17:                ;; offset=0x010B
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG18:                ;; offset=0x011A
       xor      edi, edi
       mov      dword ptr [r13+0x38], edi
 
G_M000_IG19:                ;; offset=0x0120
       mov      rdi, r15
       mov      rsi, r13
       mov      rdx, rbx
 
G_M000_IG20:                ;; offset=0x0129
       add      rsp, 8
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Bitmap.BitmapEngine`1[System.__Canon]:ReturnShared(BufferPool.Common.ThreadCache,System.__Canon):this]
 
G_M000_IG21:                ;; offset=0x013D
       call     [BufferPool.ThrowHelper:ThrowLeaseDisposedTwice()]
       int3     
 
G_M000_IG22:                ;; offset=0x0144
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG05
 
G_M000_IG23:                ;; offset=0x0154
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 346

; Assembly listing for method BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rbp based frame
; partially interruptible
; with Dynamic PGO: fgCalledCount is 85248

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     rbx
       push     rax
       lea      rbp, [rsp+0x20]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000F
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG05
       mov      rdi, gword ptr [rax+0x08]
       mov      r15, bword ptr [rdi+0x30]
       test     r15, r15
       je       SHORT G_M000_IG05
 
G_M000_IG03:                ;; offset=0x0037
       mov      rdi, gword ptr [r15+0x10]
       test     rdi, rdi
       je       SHORT G_M000_IG06
       mov      esi, dword ptr [rbx+0x80]
       mov      eax, dword ptr [rdi+0x08]
       cmp      esi, eax
       jae      SHORT G_M000_IG06
       mov      r14, gword ptr [rdi+8*rsi+0x10]
       test     r14, r14
       je       SHORT G_M000_IG06
       mov      rdi, qword ptr [r14+0x18]
       cmp      rdi, qword ptr [rbx+0x70]
       jne      SHORT G_M000_IG06
       lea      rdi, bword ptr [r15+0x18]
       mov      rsi, r14
       call     CORINFO_HELP_ASSIGN_REF
       mov      rax, r14
 
G_M000_IG04:                ;; offset=0x0070
       add      rsp, 8
       pop      rbx
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG05:                ;; offset=0x007B
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       mov      r15, rax
       jmp      SHORT G_M000_IG03
 
G_M000_IG06:                ;; offset=0x008A
       mov      rdi, rbx
       call     [BufferPool.Common.ThreadCacheSet:CurrentSlow():BufferPool.Common.ThreadCache:this]
       mov      rbx, rax
       cmp      qword ptr [rbx+0x18], 0
       je       SHORT G_M000_IG07
       lea      rdi, bword ptr [r15+0x18]
       mov      rsi, rbx
       call     CORINFO_HELP_ASSIGN_REF
 
G_M000_IG07:                ;; offset=0x00A9
       mov      rax, rbx
 
G_M000_IG08:                ;; offset=0x00AC
       add      rsp, 8
       pop      rbx
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
; Total bytes of code 183

; Assembly listing for method BufferPool.Bitmap.BitmapLease:get_Memory():System.Memory`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rsp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 1 inlinees with PGO data; 0 single block inlinees; 0 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rax
 
G_M000_IG02:                ;; offset=0x0001
       lea      rax, bword ptr [rdi+0x30]
       mov      rcx, gword ptr [rdi+0x20]
       mov      edx, dword ptr [rdi+0x28]
       mov      edi, dword ptr [rdi+0x2C]
       cmp      dword ptr [rax], 0
       je       SHORT G_M000_IG04
       mov      eax, edi
       shl      rax, 32
       or       rdx, rax
       mov      rax, rcx
 
G_M000_IG03:                ;; offset=0x0020
       add      rsp, 8
       ret      
 
G_M000_IG04:                ;; offset=0x0025
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
; Total bytes of code 44

; Assembly listing for method BufferPool.LeaseGuard:Guard(System.Memory`1[byte]):System.Memory`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rsp based frame
; partially interruptible
; with Dynamic PGO: fgCalledCount is 18300

G_M000_IG01:                ;; offset=0x0000
       sub      rsp, 24
       mov      gword ptr [rsp+0x08], rsi
       mov      qword ptr [rsp+0x10], rdx
 
G_M000_IG02:                ;; offset=0x000E
       cmp      dword ptr [rdi], 0
       je       SHORT G_M000_IG04
       mov      rax, gword ptr [rsp+0x08]
       mov      rdx, qword ptr [rsp+0x10]
 
G_M000_IG03:                ;; offset=0x001D
       add      rsp, 24
       ret      
 
G_M000_IG04:                ;; offset=0x0022
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
; Total bytes of code 41

; Assembly listing for method BufferPool.Hosting.OwnedMemoryPoolView:Rent(int):System.Buffers.IMemoryOwner`1[byte]:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 999
; 4 inlinees with PGO data; 15 single block inlinees; 11 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     r14
       push     r13
       push     r12
       push     rbx
       sub      rsp, 24
       lea      rbp, [rsp+0x40]
       xor      eax, eax
       mov      qword ptr [rbp-0x38], rax
       mov      qword ptr [rbp-0x30], rax
       mov      rbx, rdi
       mov      eax, esi
 
G_M000_IG02:                ;; offset=0x0022
       cmp      byte  ptr [rbx+0x28], 0
       jne      G_M000_IG31
       mov      r15, gword ptr [rbx+0x08]
       mov      rdi, 0x7FC2AECFAE60
       cmp      qword ptr [r15], rdi
       jne      G_M000_IG36
       cmp      byte  ptr [r15+0x34], 0
       jne      G_M000_IG32
       lea      edi, [rax+0x01]
       mov      ecx, dword ptr [r15+0x60]
       inc      ecx
       cmp      edi, ecx
       ja       G_M000_IG33
       mov      r14, gword ptr [r15+0x58]
       mov      r13, gword ptr [r14+0x18]
       cmp      byte  ptr [r13], r13b
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG34
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG34
 
G_M000_IG03:                ;; offset=0x009B
       mov      r12, gword ptr [rax+0x18]
       test     r12, r12
       je       SHORT G_M000_IG04
       mov      rdi, qword ptr [r12+0x18]
       cmp      rdi, qword ptr [r13+0x70]
       je       G_M000_IG35
 
G_M000_IG04:                ;; offset=0x00B3
       mov      rdi, r13
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
       mov      r12, rax
 
G_M000_IG05:                ;; offset=0x00BF
       mov      rdi, gword ptr [r12+0x08]
       cmp      dword ptr [rdi+0x08], 0
       jbe      G_M000_IG42
       add      rdi, 16
       inc      qword ptr [rdi]
       xor      r13, r13
       mov      dword ptr [r12+0x38], 1
       cmp      dword ptr [r12+0x3C], 0
       jne      G_M000_IG22
 
G_M000_IG06:                ;; offset=0x00ED
       mov      esi, dword ptr [rdi+0x10]
       dec      esi
       js       SHORT G_M000_IG08
 
G_M000_IG07:                ;; offset=0x00F4
       mov      dword ptr [rdi+0x10], esi
       add      rdi, 24
       cmp      esi, 16
       jae      G_M000_IG42
       mov      esi, esi
       lea      rdi, bword ptr [rdi+8*rsi]
       mov      r13, gword ptr [rdi]
       xor      rsi, rsi
       mov      gword ptr [rdi], rsi
 
G_M000_IG08:                ;; offset=0x0112
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
 
G_M000_IG09:                ;; offset=0x0119
       test     r13, r13
       jne      G_M000_IG23
 
G_M000_IG10:                ;; offset=0x0122
       mov      rdi, r14
       mov      rsi, r12
       call     [BufferPool.Bitmap.BitmapEngine`1[System.__Canon]:RentShared(BufferPool.Common.ThreadCache):System.__Canon:this]
       mov      r14, rax
 
G_M000_IG11:                ;; offset=0x0131
       test     r14, r14
       je       G_M000_IG30
 
G_M000_IG12:                ;; offset=0x013A
       cmp      gword ptr [r15+0x28], 0
       je       G_M000_IG24
 
G_M000_IG13:                ;; offset=0x0145
       mov      dword ptr [r14+0x30], 2
       mov      rdi, gword ptr [r15+0x28]
       mov      rsi, r14
       cmp      dword ptr [rdi], edi
       call     [BufferPool.Diagnostics.DiagnosticTracker:Track(System.Buffers.IMemoryOwner`1[byte]):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG14:                ;; offset=0x015C
       mov      r15, rax
 
G_M000_IG15:                ;; offset=0x015F
       mov      rax, 0x7FC2AECFEAC0
       cmp      qword ptr [r15], rax
       jne      G_M000_IG38
       lea      rax, bword ptr [r15+0x30]
       mov      r14d, dword ptr [r15+0x2C]
       cmp      dword ptr [rax], 0
       je       G_M000_IG37
 
G_M000_IG16:                ;; offset=0x0183
       mov      rdi, gword ptr [rbx+0x10]
       mov      r13, gword ptr [rdi+0x08]
       cmp      byte  ptr [r13], r13b
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG39
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG39
 
G_M000_IG17:                ;; offset=0x01BF
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG18
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [r13+0x70]
       je       G_M000_IG40
 
G_M000_IG18:                ;; offset=0x01D6
       mov      rdi, r13
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG19:                ;; offset=0x01DF
       mov      rdi, gword ptr [rax+0x08]
       cmp      dword ptr [rdi+0x08], 0
       jbe      G_M000_IG42
       add      rdi, 16
       inc      qword ptr [rdi]
       movsxd   rdi, r14d
       add      qword ptr [rax+0x28], rdi
       cmp      r14d, 0x1000
       jg       G_M000_IG41
 
G_M000_IG20:                ;; offset=0x0208
       mov      rax, r15
 
G_M000_IG21:                ;; offset=0x020B
       add      rsp, 24
       pop      rbx
       pop      r12
       pop      r13
       pop      r14
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG22:                ;; offset=0x021A
       xor      edi, edi
       mov      dword ptr [r12+0x38], edi
       jmp      G_M000_IG09
 
G_M000_IG23:                ;; offset=0x0226
       mov      r14, r13
       jmp      G_M000_IG11
 
G_M000_IG24:                ;; offset=0x022E
       add      r15, 72
       mov      esi, dword ptr [r15+0x08]
       test     esi, esi
       je       SHORT G_M000_IG27
 
G_M000_IG25:                ;; offset=0x023A
       lea      rdi, bword ptr [r12+0x40]
       mov      eax, dword ptr [rdi]
       dec      eax
       mov      dword ptr [rdi], eax
       test     eax, eax
       jg       SHORT G_M000_IG27
 
G_M000_IG26:                ;; offset=0x0249
       call     [BufferPool.Common.RentSampler:Next(int):bool:this]
       test     eax, eax
       jne      SHORT G_M000_IG29
 
G_M000_IG27:                ;; offset=0x0253
       mov      dword ptr [r14+0x30], 2
       mov      rax, r14
 
G_M000_IG28:                ;; offset=0x025E
       jmp      G_M000_IG14
 
G_M000_IG29:                ;; offset=0x0263
       mov      dword ptr [r14+0x30], 2
       mov      rdi, r15
       mov      rsi, r14
       call     [BufferPool.Leases.LeaseIssuer:Track(System.Buffers.IMemoryOwner`1[byte]):BufferPool.Leases.SampledLease:this]
       jmp      SHORT G_M000_IG28
 
G_M000_IG30:                ;; offset=0x0279
       mov      esi, dword ptr [r15+0x60]
       mov      rdi, r15
       call     [BufferPool.BufferMemoryPool:RentFallback(int):System.Buffers.IMemoryOwner`1[byte]:this]
       mov      r15, rax
       jmp      G_M000_IG15
 
G_M000_IG31:                ;; offset=0x028E
       mov      rdi, rbx
       call     [System.ThrowHelper:ThrowObjectDisposedException(System.Object)]
       int3     
 
G_M000_IG32:                ;; offset=0x0298
       mov      rdi, r15
       call     [BufferPool.ThrowHelper:ThrowObjectDisposed(System.Object)]
       int3     
 
G_M000_IG33:                ;; offset=0x02A2
       mov      esi, dword ptr [r15+0x60]
       mov      edi, eax
       call     [BufferPool.ThrowHelper:ThrowRentSizeOutOfRange(int,int)]
       int3     
 
G_M000_IG34:                ;; offset=0x02AF
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      G_M000_IG03
 
G_M000_IG35:                ;; offset=0x02BE
       jmp      G_M000_IG05
 
G_M000_IG36:                ;; offset=0x02C3
       mov      rdi, r15
       mov      esi, eax
       mov      rax, qword ptr [r15]
       mov      rax, qword ptr [rax+0x48]
       call     [rax+0x20]BufferPool.BufferMemoryPool:RentReused(int):System.Buffers.IMemoryOwner`1[byte]:this
       mov      r15, rax
       jmp      SHORT G_M000_IG38
 
G_M000_IG37:                ;; offset=0x02D7
       call     [BufferPool.ThrowHelper:ThrowLeaseUsedAfterDispose()]
       int3     
 
G_M000_IG38:                ;; offset=0x02DE
       mov      rdi, r15
       mov      r11, 0x7FC2ABA50450
       call     [r11]System.Buffers.IMemoryOwner`1[byte]:get_Memory():System.Memory`1[byte]:this
       mov      gword ptr [rbp-0x38], rax
       mov      qword ptr [rbp-0x30], rdx
       mov      r14d, dword ptr [rbp-0x2C]
       jmp      G_M000_IG16
 
G_M000_IG39:                ;; offset=0x02FF
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      G_M000_IG17
 
G_M000_IG40:                ;; offset=0x030E
       jmp      G_M000_IG19
 
G_M000_IG41:                ;; offset=0x0313
       mov      rdi, gword ptr [rbx+0x18]
       mov      esi, r14d
       cmp      dword ptr [rdi], edi
       call     [BufferPool.Diagnostics.RentTally:Count(int):this]
       jmp      G_M000_IG20
 
G_M000_IG42:                ;; offset=0x0327
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 813

; Assembly listing for method BufferPool.Diagnostics.RentTally:Count(int):this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; partially interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 1 inlinees with PGO data; 2 single block inlinees; 0 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      ebx, esi
 
G_M000_IG02:                ;; offset=0x000B
       mov      r15, gword ptr [rdi+0x08]
       cmp      byte  ptr [r15], r15b
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG07
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       SHORT G_M000_IG07
 
G_M000_IG03:                ;; offset=0x003A
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG04
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [r15+0x70]
       je       SHORT G_M000_IG08
 
G_M000_IG04:                ;; offset=0x004D
       mov      rdi, r15
       call     [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG05:                ;; offset=0x0056
       mov      rcx, gword ptr [rax+0x08]
       cmp      dword ptr [rcx+0x08], 0
       jbe      SHORT G_M000_IG09
       add      rcx, 16
       inc      qword ptr [rcx]
       movsxd   rcx, ebx
       add      qword ptr [rax+0x28], rcx
 
G_M000_IG06:                ;; offset=0x006E
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG07:                ;; offset=0x0073
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      SHORT G_M000_IG03
 
G_M000_IG08:                ;; offset=0x007F
       jmp      SHORT G_M000_IG05
 
G_M000_IG09:                ;; offset=0x0081
       call     CORINFO_HELP_RNGCHKFAIL
       int3     
 
; Total bytes of code 135

; Assembly listing for method BufferPool.Common.ThreadCacheSet:get_Current():BufferPool.Common.ThreadCache:this (Tier1)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; Tier1 code
; optimized code
; optimized using Dynamic PGO
; rbp based frame
; fully interruptible
; with Dynamic PGO: fgCalledCount is 999

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     rbx
       push     rax
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000B
       mov      rdi, 0x7FC32B0A0D68
       mov      rax, 0x7FC32B8294B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      SHORT G_M000_IG06
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       SHORT G_M000_IG06
 
G_M000_IG03:                ;; offset=0x0033
       mov      rax, gword ptr [rax+0x18]
       test     rax, rax
       je       SHORT G_M000_IG04
       mov      rdi, qword ptr [rax+0x18]
       cmp      rdi, qword ptr [rbx+0x70]
       je       SHORT G_M000_IG07
 
G_M000_IG04:                ;; offset=0x0046
       mov      rdi, rbx
 
G_M000_IG05:                ;; offset=0x0049
       add      rsp, 8
       pop      rbx
       pop      rbp
       tail.jmp [BufferPool.Common.ThreadCacheSet:CurrentFromTable():BufferPool.Common.ThreadCache:this]
 
G_M000_IG06:                ;; offset=0x0055
       mov      edi, 6
       call     CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED
       jmp      SHORT G_M000_IG03
 
G_M000_IG07:                ;; offset=0x0061
       add      rsp, 8
       pop      rbx
       pop      rbp
       ret      
 
; Total bytes of code 104


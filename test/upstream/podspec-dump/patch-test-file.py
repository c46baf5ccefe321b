# Inserts a dump call before each validation in knative/serving's
# pkg/apis/serving/k8s_validation_test.go (knative-v1.22.1 = module v0.49.1).
import sys
p = sys.argv[1]
s = open(p).read()
reps = [
    ("got := ValidatePodSpec(ctx, test.ps)", "dumpPod(t, test.name, ctx, test.ps)\n\t\t\tgot := ValidatePodSpec(ctx, test.ps)"),
    ("got := ValidatePodSpec(ctx, obj)", "dumpPod(t, fmt.Sprintf(test.nameTemplate, featureData.name), ctx, obj)\n\t\t\t\tgot := ValidatePodSpec(ctx, obj)"),
    ("got := err.Also(ValidateUserContainer(", "{ p, e := validateContainersPorts([]corev1.Container{test.c}); dumpPodU(t, test.name, ctx, userPod(test.c, test.volumes), e.Also(ValidateUserContainer(ctx, test.c, test.volumes, p)).Filter(apis.ErrorLevel) != nil) }\n\t\t\tgot := err.Also(ValidateUserContainer("),
    ("err := validateSidecarContainer(ctx, test.c, test.volumes)", "dumpPodU(t, test.name, ctx, sidecarPod(test.c, test.volumes), validateSidecarContainer(ctx, test.c, test.volumes).Filter(apis.ErrorLevel) != nil)\n\t\t\terr := validateSidecarContainer(ctx, test.c, test.volumes)"),
    ("got := validateInitContainer(ctx, test.c, test.volumes)", "dumpPodU(t, test.name, withInit(ctx), initPod(test.c, test.volumes), validateInitContainer(ctx, test.c, test.volumes).Filter(apis.ErrorLevel) != nil)\n\t\t\tgot := validateInitContainer(ctx, test.c, test.volumes)"),
    ("got := validateVolume(ctx, test.v)", "dumpPodU(t, test.name, ctx, volumePod(test.v), validateVolume(ctx, test.v).Filter(apis.ErrorLevel) != nil)\n\t\t\tgot := validateVolume(ctx, test.v)"),
    ("got := ValidatePodSecurityContext(ctx, test.sc)", "dumpPodU(t, test.name, ctx, scPod(test.sc), ValidatePodSecurityContext(ctx, test.sc).Filter(apis.ErrorLevel) != nil)\n\t\t\tgot := ValidatePodSecurityContext(ctx, test.sc)"),
    ("if got := ValidatePodSpec(ctx, ps).Filter(apis.ErrorLevel); got != nil {", "dumpPod(t, \"\", ctx, ps)\n\tif got := ValidatePodSpec(ctx, ps).Filter(apis.ErrorLevel); got != nil {"),
]
for a, b in reps:
    assert a in s, a
    s = s.replace(a, b)
open(p, 'w').write(s)

